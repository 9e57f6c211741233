"""Pictures and PDFs drawn with Pillow, so that the demo needs no download. Deterministic: the
same key always gives the same picture."""

import io
import random
import textwrap

from PIL import Image, ImageDraw, ImageFont


def _font(size):
    return ImageFont.load_default(size=size)


def _shade(colour, factor):
    return tuple(max(0, min(255, int(channel * factor))) for channel in colour)


def _mix(a, b, t):
    return tuple(int(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _encode(image, fmt):
    buffer = io.BytesIO()
    if fmt == "JPEG":
        image.save(buffer, fmt, quality=82, optimize=True)
    else:
        image.save(buffer, fmt, optimize=True)
    return buffer.getvalue()


def photo(key, colour, size=(1200, 800)):
    """A landscape: sky gradient, sun, a skyline of buildings and a foreground band."""
    rng = random.Random(key)
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    top, bottom = _mix(colour, (255, 255, 255), 0.55), _mix(colour, (255, 240, 220), 0.85)
    horizon = int(height * rng.uniform(0.55, 0.7))
    for y in range(horizon):
        draw.line([(0, y), (width, y)], fill=_mix(top, bottom, y / horizon))
    sun_x, sun_y, radius = rng.randint(150, width - 150), rng.randint(80, horizon // 2), 60
    draw.ellipse(
        [sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius], fill=(255, 236, 190)
    )
    x = 0
    while x < width:
        building_width = rng.randint(60, 160)
        building_top = horizon - rng.randint(60, int(height * 0.45))
        body = _shade(colour, rng.uniform(0.45, 0.8))
        draw.rectangle([x, building_top, x + building_width, horizon], fill=body)
        for wy in range(building_top + 14, horizon - 14, 26):
            for wx in range(x + 10, x + building_width - 14, 22):
                if rng.random() < 0.55:
                    draw.rectangle(
                        [wx, wy, wx + 10, wy + 14], fill=_mix(body, (255, 230, 160), 0.6)
                    )
        x += building_width + rng.randint(0, 12)
    draw.rectangle([0, horizon, width, height], fill=_shade(colour, 0.35))
    for _ in range(5):
        y = rng.randint(horizon + 10, height - 10)
        draw.line([(0, y), (width, y + rng.randint(-40, 40))], fill=_shade(colour, 0.5), width=3)
    return _encode(image, "JPEG")


def portrait(name, colour, size=(600, 750)):
    """A neutral silhouette on the member's colour, with their initials."""
    width, height = size
    image = Image.new("RGB", size, _mix(colour, (255, 255, 255), 0.75))
    draw = ImageDraw.Draw(image)
    skin = _shade(colour, 0.35)
    draw.ellipse([width * 0.32, height * 0.16, width * 0.68, height * 0.48], fill=skin)
    draw.ellipse([width * 0.12, height * 0.52, width * 0.88, height * 1.25], fill=skin)
    initials = "".join(part[0] for part in name.split() if part[0].isupper())[:3]
    draw.text((24, 20), initials, fill=_shade(colour, 0.6), font=_font(56))
    return _encode(image, "JPEG")


def logo(label, colour, size=(480, 480)):
    """A square logo: the acronym in white on the organisation's colour."""
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle([18, 18, size[0] - 18, size[1] - 18], outline=(255, 255, 255), width=6)
    lines = textwrap.wrap(label, 12)[:4]
    font = _font(64 if len(lines) == 1 else 46)
    total = sum(draw.textbbox((0, 0), line, font=font)[3] + 12 for line in lines)
    y = (size[1] - total) / 2
    for line in lines:
        box = draw.textbbox((0, 0), line, font=font)
        draw.text(((size[0] - box[2]) / 2, y), line, fill=(255, 255, 255), font=font)
        y += box[3] + 12
    return _encode(image, "PNG")


def bar_chart(title, figures, colour, size=(1200, 800)):
    """An infographic: horizontal bars with their label and value."""
    width, height = size
    image = Image.new("RGB", size, (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, width, 110], fill=colour)
    draw.text((40, 32), title, fill=(255, 255, 255), font=_font(40))
    top, left, right = 150, 300, width - 160
    bar_height = min(80, (height - top - 40) // max(1, len(figures)) - 16)
    largest = max(value for _label, value in figures) or 1
    font = _font(28)
    for index, (label, value) in enumerate(figures):
        y = top + index * (bar_height + 16)
        draw.text((40, y + bar_height / 2 - 16), label, fill=(30, 30, 30), font=font)
        length = max(6, int((right - left) * value / largest))
        draw.rectangle([left, y, left + length, y + bar_height], fill=_shade(colour, 0.9))
        draw.text(
            (left + length + 12, y + bar_height / 2 - 16),
            f"{value:,}".replace(",", " "),
            fill=(30, 30, 30),
            font=font,
        )
    return _encode(image, "PNG")


def pdf(pages, colour=(0, 61, 122)):
    """An A4 PDF of text pages (first line of each page as its heading)."""
    width, height = 1240, 1754  # A4 at 150 dpi
    rendered = []
    for number, text in enumerate(pages, start=1):
        page = Image.new("RGB", (width, height), (255, 255, 255))
        draw = ImageDraw.Draw(page)
        draw.rectangle([0, 0, width, 24], fill=colour)
        heading, _sep, rest = text.partition("\n")
        draw.text((120, 140), heading, fill=colour, font=_font(54))
        y = 260
        for paragraph in rest.split("\n"):
            for line in textwrap.wrap(paragraph, 62) or [""]:
                draw.text((120, y), line, fill=(20, 20, 20), font=_font(32))
                y += 46
        draw.text(
            (width - 200, height - 100),
            f"{number} / {len(pages)}",
            fill=(90, 90, 90),
            font=_font(24),
        )
        rendered.append(page)
    buffer = io.BytesIO()
    rendered[0].save(buffer, "PDF", save_all=True, append_images=rendered[1:], resolution=150)
    return buffer.getvalue()
