"""The subscriptions' writes: `subscribers` (opt-in, preferences, unsubscribing) and
`mailings` (digests and alerts composed and sent)."""
