"""The app's screens: main (three panes), profile, lookup, help, export."""
