"""`python -m bench`: every benchmark, one after the other."""

from bench import mediabank, pages

if __name__ == "__main__":
    pages.main()
    mediabank.main()
