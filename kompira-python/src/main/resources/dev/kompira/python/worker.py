# The Python side of Kompira's Python libraries: one long-lived worker process that loads library
# sources and calls their functions for the engine. It reads requests from standard input and writes
# replies to standard output, each a 4-byte big-endian length followed by that many bytes of UTF-8
# JSON. Whatever the library code prints is captured per call and returned with the reply; file
# descriptors 0 and 1 are moved out of its way so that nothing it does can corrupt the protocol.
import base64
import datetime
import inspect
import io
import json
import math
import os
import re
import struct
import sys
import traceback

OUTPUT_LIMIT = int(sys.argv[1]) if len(sys.argv) > 1 else 65536


def _protocol_streams():
    requests = os.fdopen(os.dup(0), "rb", buffering=0)
    replies = os.fdopen(os.dup(1), "wb", buffering=0)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(2, 1)
    return requests, replies


def _read_exactly(stream, n):
    chunks = []
    while n > 0:
        chunk = stream.read(n)
        if not chunk:
            return None
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


class Unencodable(Exception):
    pass


# Values cross in the engine's one JSON form of values: JSON's own types as themselves, the others
# as one-key objects tagged with "$" ({"$binary": base64}, {"$datetime": iso}, ...); a dict whose
# keys are not all str is {"$entries": [[k, v], ...]}, one with a key starting with "$" {"$dict": {...}}.

def encode(value):
    if value is None or isinstance(value, (bool, str, int)):
        return value
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        return {"$float": "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value):
            plain = {k: encode(v) for k, v in value.items()}
            return {"$dict": plain} if any(k.startswith("$") for k in value) else plain
        return {"$entries": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, (bytes, bytearray)):
        return {"$binary": base64.b64encode(value).decode("ascii")}
    if isinstance(value, datetime.datetime):
        aware = value if value.tzinfo is not None else value.astimezone()
        return {"$datetime": aware.isoformat()}
    if isinstance(value, datetime.date):
        return {"$date": value.isoformat()}
    if isinstance(value, datetime.time):
        return {"$time": value.replace(tzinfo=None).isoformat()}
    if isinstance(value, datetime.timedelta):
        return {"$timedelta": {"days": value.days, "micros": value.seconds * 1000000 + value.microseconds}}
    raise Unencodable(type(value).__name__)


_DATETIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?"
                       r"(Z|[+-]\d{2}:\d{2}(?::\d{2})?)(?:\[[^\]]*\])?$")
_TIME = re.compile(r"(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$")


def _micros(fraction):
    return int((fraction or "0").ljust(6, "0")[:6])


def _offset(text):
    if text == "Z":
        return datetime.timezone.utc
    sign = -1 if text[0] == "-" else 1
    parts = [int(p) for p in text[1:].split(":")]
    seconds = parts[0] * 3600 + parts[1] * 60 + (parts[2] if len(parts) > 2 else 0)
    return datetime.timezone(datetime.timedelta(seconds=sign * seconds))


def _datetime(text):
    m = _DATETIME.match(text)
    if not m:
        raise ValueError("not a datetime: " + text)
    y, mo, d, h, mi, s, f, off = m.groups()
    return datetime.datetime(int(y), int(mo), int(d), int(h), int(mi), int(s or 0), _micros(f), _offset(off))


def _time(text):
    m = _TIME.match(text)
    if not m:
        raise ValueError("not a time: " + text)
    h, mi, s, f = m.groups()
    return datetime.time(int(h), int(mi), int(s or 0), _micros(f))


def decode(value):
    if isinstance(value, list):
        return [decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        (tag, body), = value.items()
        if tag.startswith("$"):
            return _tagged(tag, body)
    return {k: decode(v) for k, v in value.items()}


def _tagged(tag, body):
    if tag == "$dict":
        return {k: decode(v) for k, v in body.items()}
    if tag == "$entries":
        return {decode(k): decode(v) for k, v in body}
    if tag == "$binary":
        return base64.b64decode(body)
    if tag == "$float":
        return float(body)
    if tag == "$datetime":
        return _datetime(body)
    if tag == "$date":
        return datetime.date.fromisoformat(body)
    if tag == "$time":
        return _time(body)
    if tag == "$timedelta":
        return datetime.timedelta(days=body["days"], microseconds=body["micros"])
    raise ValueError("unknown value tag " + tag)


class Capture(io.TextIOBase):
    """What library code prints during one call, up to OUTPUT_LIMIT characters."""

    def __init__(self):
        self.parts = []
        self.kept = 0
        self.dropped = 0

    def writable(self):
        return True

    def write(self, text):
        room = OUTPUT_LIMIT - self.kept
        if room > 0:
            self.parts.append(text[:room])
            self.kept += min(room, len(text))
        self.dropped += max(0, len(text) - max(room, 0))
        return len(text)

    def text(self):
        out = "".join(self.parts)
        if self.dropped:
            out += "\n... (%d more characters not shown)\n" % self.dropped
        return out


modules = {}


def describe(error, path, located):
    """The error as $ERROR shows it, 'Type: message'; when located, with the library's line where it has one."""
    if isinstance(error, SyntaxError):
        # str() of a SyntaxError names only the last part of the file name; the library's path is whole
        return "%s: %s (%s, line %s)" % (type(error).__name__, error.msg, path, error.lineno)
    text = "%s: %s" % (type(error).__name__, error)
    if not located:
        return text
    lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__) if frame.filename == path]
    return text + (" (%s, line %d)" % (path, lines[-1]) if lines else "")


def load(key, path, source):
    namespace = {"__name__": "kompira_library", "__file__": path, "__builtins__": __builtins__}
    code = compile(source, path, "exec")
    exec(code, namespace)
    modules[key] = namespace
    return namespace


def functions(namespace):
    return {name: value for name, value in namespace.items()
            if inspect.isfunction(value) and not name.startswith("_") and value.__module__ == "kompira_library"}


def document(namespace):
    parts = []
    doc = namespace.get("__doc__")
    if doc:
        parts.append(inspect.cleandoc(doc))
    for name, fn in sorted(functions(namespace).items()):
        try:
            signature = str(inspect.signature(fn))
        except (TypeError, ValueError):
            signature = "(...)"
        entry = "def " + name + signature
        fn_doc = inspect.getdoc(fn)
        if fn_doc:
            entry += "\n" + "\n".join("    " + line for line in fn_doc.splitlines())
        parts.append(entry)
    return "\n\n".join(parts)


def handle(request):
    op = request["op"]
    key = request["key"]
    path = request["path"]
    if op == "load":
        try:
            namespace = load(key, path, request["source"])
        except BaseException as error:
            return {"ok": False, "error": describe(error, path, True), "trace": traceback.format_exc()}
        return {"ok": True, "functions": sorted(functions(namespace)), "doc": document(namespace)}
    if op == "call":
        capture = Capture()
        sys.stdout = sys.stderr = capture
        try:
            namespace = modules.get(key)
            if namespace is None:
                namespace = load(key, path, request["source"])
            fn = functions(namespace).get(request["fn"])
            if fn is None:
                raise AttributeError("library %s has no function '%s'" % (path, request["fn"]))
            result = fn(*decode(request["args"]), **{k: decode(v) for k, v in request["kwargs"].items()})
            try:
                value = encode(result)
            except Unencodable as kind:
                raise TypeError("%s() returned a %s, which a jobflow cannot hold (return None, bool, int, float,"
                                " str, bytes, list, tuple, dict or a datetime value)" % (request["fn"], kind)) from None
            return {"ok": True, "value": value, "out": capture.text()}
        except BaseException as error:
            return {"ok": False, "error": describe(error, path, False), "trace": traceback.format_exc(),
                    "out": capture.text()}
        finally:
            sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    if op == "forget":
        modules.pop(key, None)
        return {"ok": True}
    return {"ok": False, "error": "unknown request " + op}


def send(replies, message):
    try:
        reply = json.dumps(message, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except (ValueError, UnicodeError) as error:
        reply = json.dumps({"ok": False, "error": "%s: %s" % (type(error).__name__, error),
                            "out": message.get("out", "").encode("utf-8", "replace").decode("utf-8")}).encode("utf-8")
    replies.write(struct.pack(">I", len(reply)) + reply)


def main():
    requests, replies = _protocol_streams()
    send(replies, {"python": "%d.%d.%d" % sys.version_info[:3], "executable": sys.executable})
    while True:
        header = _read_exactly(requests, 4)
        if header is None:
            return
        body = _read_exactly(requests, struct.unpack(">I", header)[0])
        if body is None:
            return
        send(replies, handle(json.loads(body.decode("utf-8"))))


main()
