"""Keep the index in step: a saved or deleted object (or a watched related one) is reindexed
once, after its transaction commits, so a rolled-back change never reaches the index."""

from __future__ import annotations

from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from search import registry


class _Reindex:
    """An on-commit callback that knows its object, so the same object is queued once per
    transaction (Django drops the queue on rollback, so nothing stale is kept)."""

    def __init__(self, key: tuple[str, int]):
        self.key = key
        self.done = False

    def __call__(self) -> None:
        from search import services

        self.done = True
        services.reindex_object(registry.get(self.key[0]), self.key[1])


def _schedule(kind_name: str, object_id: int | None) -> None:
    if object_id is None:
        return
    key = (kind_name, object_id)
    if connection.in_atomic_block and any(
        getattr(callback, "key", None) == key and not callback.done
        for _, callback, _ in connection.run_on_commit
    ):
        return
    transaction.on_commit(_Reindex(key))


def connect_registered_kinds() -> None:
    for kind in registry.kinds():
        uid = f"search-{kind.name}"

        def on_save(sender, instance, _kind=kind, **kwargs):
            _schedule(_kind.name, instance.pk)

        post_save.connect(on_save, sender=kind.model, weak=False, dispatch_uid=uid + "-save")
        post_delete.connect(on_save, sender=kind.model, weak=False, dispatch_uid=uid + "-del")
        for name in kind.m2m_fields:
            through = getattr(kind.model, name).through

            def on_m2m(sender, instance, action, _kind=kind, **kwargs):
                if action.startswith("post_"):
                    _schedule(_kind.name, instance.pk)

            m2m_changed.connect(on_m2m, sender=through, weak=False, dispatch_uid=uid + name)
        for index, (model, owner) in enumerate(kind.watches):

            def on_related(sender, instance, _kind=kind, _owner=owner, **kwargs):
                _schedule(_kind.name, _owner(instance))

            for signal, suffix in ((post_save, "save"), (post_delete, "del")):
                signal.connect(
                    on_related, sender=model, weak=False, dispatch_uid=f"{uid}-w{index}-{suffix}"
                )


def schedule(kind_name: str, object_id: int) -> None:
    """Reindex one object after the current transaction commits (for callers outside
    the signals, e.g. a bulk change made with update())."""
    _schedule(kind_name, object_id)
