"""`python -m bench`: every benchmark, one after the other."""

from bench import archive, chats, live, mediabank, pages, proxy, search, wire

if __name__ == "__main__":
    pages.main()
    archive.main([2000, 200_000])
    mediabank.main()
    search.main()
    live.main([1000, 5000])
    chats.main([1000])
    wire.main(5000)
    proxy.main([100, 5000])
