"""The wire desk's writes, by stage: `ingest` (copy read into items), `sources` (drop
folders and addresses polled), `desk` (an item made into an article), `fetch` (the HTTP
client they share)."""
