"""Following the news: feeds (RSS, Atom) and web pages, fetched politely and kept up to
date, each story stored once with every source kept. No Textual here.

``opml`` reads and writes subscription lists, ``fetch`` gets URLs, ``parse`` reads feeds,
``page`` reads web pages, ``dedupe`` tells one story from another, ``state`` keeps the
feeds and their status in the index, ``update`` puts them together, ``cli`` is the
command line.
"""
