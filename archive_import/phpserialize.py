"""A small, safe reader of PHP's serialize() format, for Drupal's `variable` values and CCK
`_data` columns. It builds Python values only (objects become dicts of their properties with the
class name under "__class__"); nothing is ever executed. String lengths are in bytes, as PHP
writes them."""


class PHPUnserializeError(ValueError):
    pass


MAX_DEPTH = 64


def loads(data):
    """The Python value of a PHP-serialized str or bytes. Raises PHPUnserializeError on any
    malformed input, including trailing garbage."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not isinstance(data, bytes | bytearray):
        raise PHPUnserializeError("expected str or bytes")
    reader = _Reader(bytes(data))
    value = reader.value(0)
    if reader.pos != len(reader.data):
        raise PHPUnserializeError(f"trailing data at byte {reader.pos}")
    return value


class _Reader:
    def __init__(self, data):
        self.data = data
        self.pos = 0

    def _expect(self, token):
        end = self.pos + len(token)
        if self.data[self.pos : end] != token:
            raise PHPUnserializeError(f"expected {token!r} at byte {self.pos}")
        self.pos = end

    def _until(self, stop):
        end = self.data.find(stop, self.pos)
        if end < 0:
            raise PHPUnserializeError(f"missing {stop!r} after byte {self.pos}")
        chunk = self.data[self.pos : end]
        self.pos = end + len(stop)
        return chunk

    def _int(self, stop):
        chunk = self._until(stop)
        try:
            return int(chunk)
        except ValueError as error:
            raise PHPUnserializeError(f"bad integer {chunk!r}") from error

    def _string(self):
        length = self._int(b":")
        if length < 0:
            raise PHPUnserializeError("negative string length")
        self._expect(b'"')
        raw = self.data[self.pos : self.pos + length]
        if len(raw) != length:
            raise PHPUnserializeError("string runs past the end")
        self.pos += length
        self._expect(b'"')
        return raw.decode("utf-8", errors="replace")

    def _members(self, depth):
        count = self._int(b":")
        if count < 0:
            raise PHPUnserializeError("negative element count")
        self._expect(b"{")
        items = {}
        for _index in range(count):
            key = self.value(depth + 1)
            if not isinstance(key, int | str):
                raise PHPUnserializeError("array keys must be integers or strings")
            items[key] = self.value(depth + 1)
        self._expect(b"}")
        return items

    def value(self, depth):
        if depth > MAX_DEPTH:
            raise PHPUnserializeError("nested too deeply")
        kind = self.data[self.pos : self.pos + 2]
        self.pos += 2
        if kind == b"N;":
            return None
        if kind == b"b:":
            flag = self._until(b";")
            if flag not in (b"0", b"1"):
                raise PHPUnserializeError(f"bad boolean {flag!r}")
            return flag == b"1"
        if kind == b"i:":
            return self._int(b";")
        if kind == b"d:":
            chunk = self._until(b";")
            try:
                return float(chunk)
            except ValueError as error:
                raise PHPUnserializeError(f"bad float {chunk!r}") from error
        if kind == b"s:":
            text = self._string()
            self._expect(b";")
            return text
        if kind == b"a:":
            return self._members(depth)
        if kind == b"O:":
            class_name = self._string()
            self._expect(b":")
            members = self._members(depth)
            # Protected and private property names carry "\0*\0" / "\0Class\0" prefixes.
            props = {str(k).rsplit("\0", 1)[-1]: v for k, v in members.items()}
            props["__class__"] = class_name
            return props
        raise PHPUnserializeError(f"unknown type {kind!r} at byte {self.pos - 2}")


def as_list(value):
    """A PHP array with keys 0..n-1 as a list; other values unchanged."""
    if isinstance(value, dict) and list(value) == list(range(len(value))):
        return list(value.values())
    return value
