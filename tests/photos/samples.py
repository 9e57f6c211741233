"""Real photo files for the tests: pixels from Pillow, metadata written by Pillow (EXIF) and
pyexiv2 (IPTC, XMP), as cameras and photo desks write them."""

import io
import os

import pyexiv2
from PIL import Image

GPS_IFD, EXIF_IFD = 0x8825, 0x8769
ARTIST, COPYRIGHT, DESCRIPTION, ORIENTATION = 0x013B, 0x8298, 0x010E, 0x0112
DATE_TIME_ORIGINAL, BODY_SERIAL, LENS_SERIAL, OWNER_NAME = 0x9003, 0xA431, 0xA435, 0xA430


def jpeg(size=(320, 200), color=(20, 120, 200), exif=True, noise=False, quality=90):
    """A JPEG whose EXIF names the artist and copyright, the date taken, a GPS position and
    the camera's and lens's serial numbers."""
    if noise:
        picture = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        picture = Image.new("RGB", size, color)
    buffer = io.BytesIO()
    if not exif:
        picture.save(buffer, "JPEG", quality=quality)
        return buffer.getvalue()
    data = Image.Exif()
    data[ARTIST] = "Jan Janssens"
    data[COPYRIGHT] = "(c) Jan Janssens 2025"
    data[DESCRIPTION] = "EXIF description"
    exif_ifd = data.get_ifd(EXIF_IFD)
    exif_ifd[DATE_TIME_ORIGINAL] = "2025:03:14 09:26:53"
    exif_ifd[BODY_SERIAL] = "CAM-SERIAL-0451"
    exif_ifd[LENS_SERIAL] = "LENS-SERIAL-9917"
    exif_ifd[OWNER_NAME] = "Jan Private Owner"
    gps = data.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (50.0, 50.0, 46.0)
    gps[3] = "E"
    gps[4] = (4.0, 21.0, 8.0)
    picture.save(buffer, "JPEG", exif=data, quality=quality)
    return buffer.getvalue()


def with_iptc(data, **values):
    iptc = {
        "Iptc.Application2.Caption": "IPTC caption: the Prime Minister in Brussels",
        "Iptc.Application2.Byline": ["IPTC Photographer"],
        "Iptc.Application2.Credit": "Belga / IPTC Photographer",
        "Iptc.Application2.Copyright": "IPTC copyright notice",
        "Iptc.Application2.Keywords": ["government", "Brussels", "budget"],
        "Iptc.Application2.Headline": "IPTC headline",
        "Iptc.Application2.DateCreated": "2024-11-05",
    }
    iptc.update(values)
    with pyexiv2.ImageData(data) as image:
        image.modify_iptc(iptc)
        return image.get_bytes()


def with_xmp(data, **values):
    xmp = {
        "Xmp.dc.description": {'lang="x-default"': "XMP caption: la Première ministre à Liège"},
        "Xmp.dc.creator": ["Anne Dupont"],
        "Xmp.photoshop.Credit": "Anne Dupont / FPS Chancellery",
        "Xmp.dc.rights": {'lang="x-default"': "© FPS Chancellery"},
        "Xmp.dc.subject": ["Liège", "visite"],
        "Xmp.xmpRights.WebStatement": "https://creativecommons.org/licenses/by/4.0/",
        "Xmp.photoshop.Headline": "XMP headline",
        "Xmp.exif.GPSLatitude": "50,50.766N",
        "Xmp.aux.SerialNumber": "XMP-SERIAL-77",
    }
    xmp.update(values)
    with pyexiv2.ImageData(data) as image:
        image.modify_xmp(xmp)
        return image.get_bytes()


def png_with_xmp(size=(120, 90)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "PNG")
    return with_xmp(buffer.getvalue())


def blocks(data):
    """(exif, iptc, xmp) of `data`, read by pyexiv2."""
    with pyexiv2.ImageData(data) as image:
        return image.read_exif(), image.read_iptc(), image.read_xmp()


def pixels(data):
    with Image.open(io.BytesIO(data)) as picture:
        return picture.convert("RGB").tobytes()
