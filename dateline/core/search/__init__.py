"""Full-text search of the site's own index: language-aware analysis (`analysis`), readers'
queries parsed by our code (`query`), the index kept beside the content and its ranked
matching on SQLite's FTS5 or PostgreSQL's full-text search (`index`), and matches marked
in what a result shows (`highlight`)."""
