"""WebSocket answers shared by every app."""

from channels.generic.websocket import AsyncWebsocketConsumer

NOT_FOUND = 4404


class NotFoundConsumer(AsyncWebsocketConsumer):
    """Any socket address no route takes (an unknown path, an id no row can have): refused
    at the handshake, as an HTTP 404 would be."""

    async def connect(self) -> None:
        await self.close(code=NOT_FOUND)
