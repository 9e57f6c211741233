from .image_rights import ImageRights  # noqa: F401
from .outbox import OutboxEntry  # noqa: F401 (the model lives beside its mechanism)
from .pages import ContentPage, HomePage  # noqa: F401
