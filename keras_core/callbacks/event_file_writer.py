"""Writes TensorBoard event files (scalars and histograms) without TensorFlow.

An event file is a sequence of records ``[len: u64][crc(len): u32][data][crc(data): u32]``
(little endian, CRC-32C masked as in TFRecord) whose data are serialized
``Event`` protocol buffers. The few message fields used here are encoded by
hand: Event{wall_time=1, step=2, file_version=3, summary=5},
Summary{value=1}, Summary.Value{tag=1, simple_value=2, histo=5},
HistogramProto{min=1, max=2, num=3, sum=4, sum_squares=5, bucket_limit=6, bucket=7}.
"""

import os
import socket
import struct
import time

import numpy as np


def _make_crc_table():
    table = []
    for i in range(256):
        crc = i
        for _ in range(8):
            crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
        table.append(crc)
    return table


_CRC_TABLE = _make_crc_table()


def crc32c(data):
    """The CRC-32C (Castagnoli) checksum of ``data``.

    Example:
    >>> hex(crc32c(b"123456789"))
    '0xe3069283'
    """
    crc = 0xFFFFFFFF
    table = _CRC_TABLE
    for byte in data:
        crc = table[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def masked_crc32c(data):
    crc = crc32c(data)
    return (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def _varint(value):
    out = bytearray()
    value &= (1 << 64) - 1
    while True:
        bits = value & 0x7F
        value >>= 7
        if value:
            out.append(bits | 0x80)
        else:
            out.append(bits)
            return bytes(out)


def _key(field, wire_type):
    return _varint((field << 3) | wire_type)


def _bytes_field(field, payload):
    return _key(field, 2) + _varint(len(payload)) + payload


def _double_field(field, value):
    return _key(field, 1) + struct.pack("<d", float(value))


def _float_field(field, value):
    return _key(field, 5) + struct.pack("<f", float(value))


def _packed_doubles(field, values):
    return _bytes_field(field, struct.pack(f"<{len(values)}d", *[float(v) for v in values]))


def encode_event(wall_time, step=None, summary=None, file_version=None):
    out = _double_field(1, wall_time)
    if step is not None:
        out += _key(2, 0) + _varint(int(step))
    if file_version is not None:
        out += _bytes_field(3, file_version.encode())
    if summary is not None:
        out += _bytes_field(5, summary)
    return out


def scalar_summary(tag, value):
    return _bytes_field(1, _bytes_field(1, tag.encode()) + _float_field(2, value))


def histogram_summary(tag, values, bins=30):
    values = np.asarray(values, dtype=np.float64).ravel()
    if values.size == 0:
        values = np.zeros((1,))
    counts, edges = np.histogram(values, bins=bins)
    histo = (
        _double_field(1, values.min())
        + _double_field(2, values.max())
        + _double_field(3, values.size)
        + _double_field(4, values.sum())
        + _double_field(5, np.square(values).sum())
        + _packed_doubles(6, edges[1:])
        + _packed_doubles(7, counts)
    )
    return _bytes_field(1, _bytes_field(1, tag.encode()) + _bytes_field(5, histo))


class EventFileWriter:
    """Appends events to ``log_dir/events.out.tfevents.<time>.<host>.<pid>.v2``.

    Example:
    >>> import tempfile
    >>> writer = EventFileWriter(tempfile.mkdtemp())
    >>> writer.add_scalar("loss", 0.5, step=1)
    >>> writer.close()
    """

    _counter = 0

    def __init__(self, log_dir):
        os.makedirs(log_dir, exist_ok=True)
        EventFileWriter._counter += 1
        name = (
            f"events.out.tfevents.{int(time.time())}.{socket.gethostname()}."
            f"{os.getpid()}.{EventFileWriter._counter}.v2"
        )
        self.path = os.path.join(log_dir, name)
        self._file = open(self.path, "wb")  # noqa: SIM115
        self._write(encode_event(time.time(), step=0, file_version="brain.Event:2"))

    def _write(self, data):
        header = struct.pack("<Q", len(data))
        self._file.write(header + struct.pack("<I", masked_crc32c(header)))
        self._file.write(data + struct.pack("<I", masked_crc32c(data)))

    def add_scalar(self, tag, value, step):
        self._write(encode_event(time.time(), step=step, summary=scalar_summary(tag, value)))

    def add_histogram(self, tag, values, step):
        self._write(encode_event(time.time(), step=step, summary=histogram_summary(tag, values)))

    def flush(self):
        self._file.flush()

    def close(self):
        if not self._file.closed:
            self._file.close()


def read_events(path):
    """Decodes the scalar events of a file written by :class:`EventFileWriter`.

    Returns a list of ``(step, tag, value)``; checks every record's checksums.
    """
    out = []
    with open(path, "rb") as f:
        data = f.read()
    pos = 0
    while pos < len(data):
        header = data[pos : pos + 8]
        (length,) = struct.unpack("<Q", header)
        (crc,) = struct.unpack("<I", data[pos + 8 : pos + 12])
        if crc != masked_crc32c(header):
            raise ValueError(f"Corrupt event file {path}: bad length checksum at byte {pos}")
        payload = data[pos + 12 : pos + 12 + length]
        (crc,) = struct.unpack("<I", data[pos + 12 + length : pos + 16 + length])
        if crc != masked_crc32c(payload):
            raise ValueError(f"Corrupt event file {path}: bad data checksum at byte {pos}")
        pos += 16 + length
        out.extend(_decode_scalars(payload))
    return out


def _read_varint(buf, pos):
    shift = result = 0
    while True:
        byte = buf[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos
        shift += 7


def _fields(buf):
    pos = 0
    while pos < len(buf):
        key, pos = _read_varint(buf, pos)
        field, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = _read_varint(buf, pos)
        elif wire == 1:
            value, pos = buf[pos : pos + 8], pos + 8
        elif wire == 5:
            value, pos = buf[pos : pos + 4], pos + 4
        elif wire == 2:
            n, pos = _read_varint(buf, pos)
            value, pos = buf[pos : pos + n], pos + n
        else:
            raise ValueError(f"Unsupported protobuf wire type {wire}")
        yield field, value


def _decode_scalars(event):
    step, summary, out = 0, None, []
    for field, value in _fields(event):
        if field == 2:
            step = value
        elif field == 5:
            summary = value
    if summary is None:
        return out
    for field, value in _fields(summary):
        if field != 1:
            continue
        tag, scalar = None, None
        for f, v in _fields(value):
            if f == 1:
                tag = v.decode()
            elif f == 2:
                (scalar,) = struct.unpack("<f", v)
        if scalar is not None:
            out.append((step, tag, scalar))
    return out
