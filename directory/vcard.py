"""vCard 4.0 (RFC 6350) for a press contact, written by hand: the format is small and the
escaping and folding rules are what address books trip over, so they live here in one place."""

import re
import uuid

from django.conf import settings
from django.utils.text import slugify

from .models import PressContact

CRLF = "\r\n"
MAX_LINE_OCTETS = 75
# A stable UID per contact lets address books update a card instead of duplicating it.
UID_NAMESPACE = uuid.UUID("1b0e9b63-3a0c-4a4e-9a53-5b4e2cfb6f0c")
_GLOBAL_NUMBER = re.compile(r"^\+[0-9]{4,15}$")


def escape(value):
    """RFC 6350 §3.4: backslash, comma and semicolon are escaped, newlines become \\n."""
    value = str(value).replace("\\", "\\\\")
    value = value.replace(",", "\\,").replace(";", "\\;")
    return re.sub(r"\r\n|\r|\n", "\\\\n", value)


def compound(*components):
    """A structured value (N, ORG): escaped components joined by semicolons."""
    return ";".join(escape(component) for component in components)


def fold(line):
    """RFC 6350 §3.2: lines longer than 75 octets are split, each continuation starting with a
    space; never inside a UTF-8 sequence."""
    out = []
    current = b""
    limit = MAX_LINE_OCTETS
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > limit:
            out.append(current.decode("utf-8"))
            current = b" "
            limit = MAX_LINE_OCTETS
        current += encoded
    out.append(current.decode("utf-8"))
    return CRLF.join(out)


def split_name(full_name):
    """(family, given) for the N property. "Family, Given" is taken as written; otherwise the
    first word is the given name and the rest the family name, which keeps Belgian particles
    together ("Jan Van den Bossche" -> "Van den Bossche", "Jan")."""
    full_name = " ".join(full_name.split())
    if "," in full_name:
        family, given = full_name.split(",", 1)
        return family.strip(), given.strip()
    parts = full_name.split(" ", 1)
    if len(parts) == 1:
        return parts[0], ""
    return parts[1], parts[0]


def compact_phone(number):
    """A phone number as typed ("+32 2 501.02.11", "0032 ...") without separators, with the
    international prefix as "+": what tel: links and URIs need."""
    compact = re.sub(r"[\s./()-]", "", number or "")
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    return compact


def telephone(types, number):
    """A TEL line: a tel: URI when the number is international (as RFC 6350 recommends),
    the number as free text otherwise."""
    compact = compact_phone(number)
    if _GLOBAL_NUMBER.match(compact):
        return f"TEL;VALUE=uri;TYPE={types}:tel:{compact}"
    return f"TEL;TYPE={types}:{escape(number)}"


def contact_uid(contact):
    return f"urn:uuid:{uuid.uuid5(UID_NAMESPACE, f'press-contact-{contact.pk}')}"


def build_vcard(contact: PressContact):
    """The vCard text of `contact`, labels in the active language."""
    publisher = contact.publisher
    family, given = split_name(contact.name)
    role_label = contact.get_role_display()
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "KIND:individual",
        f"PRODID:{escape('-//' + str(settings.WAGTAIL_SITE_NAME) + '//directory//EN')}",
        f"UID:{contact_uid(contact)}",
        f"FN:{escape(contact.name)}",
        f"N:{compound(family, given, '', '', '')}",
        f"ORG:{compound(publisher.display_name)}",
        f"TITLE:{escape(contact.position or role_label)}",
        f"ROLE:{escape(role_label)}",
        f"EMAIL;TYPE=work:{escape(contact.email)}",
    ]
    if contact.phone:
        lines.append(telephone("work,voice", contact.phone))
    if contact.mobile:
        lines.append(telephone("work,cell", contact.mobile))
    for preference, code in enumerate(contact.language_list, start=1):
        lines.append(f"LANG;PREF={preference}:{escape(code)}")
    lines.append("END:VCARD")
    return "".join(fold(line) + CRLF for line in lines)


def vcard_filename(contact):
    return f"{slugify(contact.name) or 'contact'}.vcf"
