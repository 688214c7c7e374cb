"""`python -m bench`: every benchmark, one after the other."""

from bench import live, mediabank, pages

if __name__ == "__main__":
    pages.main()
    mediabank.main()
    live.main([1000, 5000])
