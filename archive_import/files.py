"""Drupal files into Wagtail documents and images, once per fid and once per content: two fids
with the same bytes share one document (or image)."""

import hashlib
import os
import posixpath
import re
from pathlib import Path

from django.core.files import File
from PIL import Image as PILImage
from PIL import UnidentifiedImageError
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from .models import ImportedFile

COLLECTION_NAME = "Presscenter archive"
IMAGECACHE = re.compile(r"(^|/)imagecache/[^/]+/")


def original_path(filepath):
    """The stored file behind an imagecache derivative (files/imagecache/preset/x.jpg →
    files/x.jpg) or the path itself."""
    return IMAGECACHE.sub(r"\1", filepath, count=1)


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class FileStore:
    """Finds the Drupal files on disk and turns them into documents and images.
    `report(nid, code, detail)` receives every problem; nothing here is fatal."""

    def __init__(self, root, report, dry_run=False, file_directory_path="sites/default/files"):
        self.root = Path(root) if root else None
        self.report = report
        self.dry_run = dry_run
        self.file_directory = (file_directory_path or "sites/default/files").strip("/")
        self.known = {}  # fid -> ImportedFile (this run's cache; rolled back with the batch)
        self.absent = set()
        self.Document = get_document_model()
        self.Image = get_image_model()

    def collection(self):
        """The collection the archive's documents and images go into, under the root."""
        if getattr(self, "_collection", None) is None:
            root = Collection.get_first_root_node()
            if root is None:  # a flushed database: Wagtail's migration made it once
                root = Collection.add_root(name="Root")
            found = root.get_children().filter(name=COLLECTION_NAME).first()
            self._collection = found or root.add_child(name=COLLECTION_NAME)
        return self._collection

    def locate(self, filepath):
        """The file on disk for a files.filepath, tolerating the layouts Drupal used."""
        if self.root is None:
            return None
        relative = filepath.lstrip("/")
        candidates = [relative]
        if not relative.startswith(self.file_directory + "/"):
            candidates.append(posixpath.join(self.file_directory, posixpath.basename(relative)))
        root = Path(os.path.abspath(self.root))
        for candidate in candidates:
            # Checked on the written path, not the resolved one: a filepath such as
            # "../../etc/passwd" must not climb out of the root, but a files folder that is a
            # symlink to another disk (as copies of Drupal roots often have) is followed.
            path = Path(os.path.normpath(root / candidate))
            if root in path.parents and path.is_file():
                return path
        return None

    def preload(self, fids):
        missing = {fid for fid in set(fids) if fid not in self.known}
        if missing:
            for row in ImportedFile.objects.filter(fid__in=missing):
                self.known[row.fid] = row
            # Looked up and not there: no second query for them in this batch.
            self.absent = missing - set(self.known)

    def forget(self):
        """After a rolled-back batch: the rows it wrote are gone."""
        self.known.clear()
        self.absent = set()
        self._collection = None

    def get(self, nid, row, as_image, title="", alt=""):
        """The id of the document (or image) for a files row, creating it when needed;
        None when the file is missing or unreadable (reported)."""
        fid = int(row["fid"])
        imported = self.known.get(fid)
        if imported is None and fid not in self.absent:
            imported = ImportedFile.objects.filter(fid=fid).first()
        attr = "image_id" if as_image else "document_id"
        if imported is not None and getattr(imported, attr):
            return getattr(imported, attr)
        path = self.locate(row["filepath"])
        if path is None:
            self.report(nid, "missing_file", f"fid {fid}: {row['filepath']} is not on disk")
            return None
        if self.dry_run:
            return None
        digest = _sha256(path)
        twin = (
            ImportedFile.objects.filter(sha256=digest, **{f"{attr}__isnull": False})
            .exclude(fid=fid)
            .first()
        )
        if twin is not None:
            target_id = getattr(twin, attr)
        else:
            name = row.get("filename") or posixpath.basename(row["filepath"])
            target_id = (
                self._image(nid, fid, path, name, title, alt)
                if as_image
                else self._document(path, name, title)
            )
            if target_id is None:
                return None
        if imported is None:
            imported = ImportedFile(fid=fid, filepath=row["filepath"][:500], sha256=digest)
        setattr(imported, attr, target_id)
        imported.save()
        self.known[fid] = imported
        return target_id

    def _document(self, path, name, title):
        with open(path, "rb") as handle:
            document = self.Document(title=(title or name)[:255], collection=self.collection())
            document.file.save(os.path.basename(name) or path.name, File(handle), save=False)
            document.file_size = path.stat().st_size
            document._set_file_hash()
            document.save()
        return document.pk

    def _image(self, nid, fid, path, name, title, alt):
        try:
            with PILImage.open(path) as probe:
                probe.verify()
        except (UnidentifiedImageError, OSError, SyntaxError) as error:
            self.report(
                nid, "bad_image", f"fid {fid}: {path.name} is not a readable image ({error})"
            )
            return None
        with open(path, "rb") as handle:
            image = self.Image(
                title=(title or name)[:255],
                description=(alt or "")[:255],
                collection=self.collection(),
            )
            image.file.save(os.path.basename(name) or path.name, File(handle), save=False)
            image.file_size = path.stat().st_size
            image._set_file_hash()
            image.save()
        return image.pk
