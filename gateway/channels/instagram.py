"""Instagram Direct: the Messenger Platform's adapter (``gateway.channels.messenger``), with
the Instagram account's id (IGSIDs as identities) and Instagram's 1,000-character texts."""

from gateway.channels.messenger import handle, send

__all__ = ["handle", "send"]
