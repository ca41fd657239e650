#!/usr/bin/env python3
"""Writes the seed corpora under Fuzz/Corpus/ (small valid inputs, plus a few near misses).
Usage: python3 Fuzz/make_seeds.py   (from the repository's top; rewrites the seeds it owns)"""
import gzip, io, json, os, struct, zipfile, zlib
import numpy as np  # only for writing .npy/.npz exactly as NumPy does

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "Corpus")

def put(target, name, data):
    os.makedirs(os.path.join(ROOT, target), exist_ok=True)
    with open(os.path.join(ROOT, target, name), "wb") as f:
        f.write(data.encode() if isinstance(data, str) else data)

def gz(b): return gzip.compress(b, mtime=0)

# idx: images [3,2,2] and labels [3]; "LBLS" joins an images file and a labels file (see the target).
def idx(dims, values): return bytes([0, 0, 8, len(dims)]) + b"".join(struct.pack(">I", d) for d in dims) + bytes(values)
images, labels = idx([3, 2, 2], range(0, 240, 20)), idx([3], [0, 1, 2])
put("idx", "images-3x2x2", images)
put("idx", "labels-3", labels)
put("idx", "images-rgb-2x2x2x3", idx([2, 2, 2, 3], range(24)))
put("idx", "pair", images + b"LBLS" + labels)
put("idx", "pair-gz", gz(images) + b"LBLS" + gz(labels))
put("idx", "images-gz", gz(images))
put("idx", "empty-dims", idx([0], []))

# csv: Kaggle style with a header, header-less with the label last, gzip.
put("csv", "kaggle-header", "label,pixel0,pixel1,pixel2,pixel3\n1,0,255,3,4\n0,1,2,3,4\n2,9,8,7,6\n")
put("csv", "no-header-label-last", "0,0,0,255,3\n255,255,0,0,1\n")
put("csv", "floats-crlf", "label,a,b,c,d\r\n1,0.5,1e-3,-0,1.0\r\n0,.25,2.,3e2,4\r\n")
put("csv", "blank-lines-gz", gz(b"label,p0,p1,p2,p3\n\n1,0,1,2,3\n\n0,4,5,6,7\n"))
put("csv", "quoted-header", '"label","p0","p1","p2","p3"\n"1",0,1,2,3\n')

# npy / npz (NumPy's own writer).
def npy(a):
    b = io.BytesIO(); np.save(b, a, allow_pickle=False); return b.getvalue()
def npz(compressed, **arrays):
    b = io.BytesIO(); (np.savez_compressed if compressed else np.savez)(b, **arrays); return b.getvalue()
imgs = np.arange(2 * 3 * 3, dtype=np.uint8).reshape(2, 3, 3)
put("npy", "uint8-2x3x3", npy(imgs))
put("npy", "float32-2x4", npy(np.linspace(0, 1, 8, dtype=np.float32).reshape(2, 4)))
put("npy", "float64-be-2x2", npy(np.array([[1.5, -2], [3, 4]], dtype=">f8")))
put("npy", "int64-labels", npy(np.array([0, 1, 2], dtype=np.int64)))
put("npy", "int16-fortran", npy(np.asfortranarray(np.arange(6, dtype=np.int16).reshape(2, 3))))
put("npy", "bool-3", npy(np.array([True, False, True])))
put("npy", "v2-header", b"\x93NUMPY\x02\x00" + struct.pack("<I", 118)
    + (b"{'descr': '|u1', 'fortran_order': False, 'shape': (2, 2), }".ljust(117) + b"\n") + bytes(4))
put("npy", "npz-stored", npz(False, x=imgs, y=np.array([0, 1], dtype=np.uint8)))
put("npy", "npz-deflated", npz(True, arr_0=imgs, arr_1=np.array([1, 0], dtype=np.int64)))
put("npy", "npz-one", npz(False, arr_0=np.zeros((2, 2, 2), dtype=np.float32)))

# bitmap-text: digit runs, separated values, comments, gzip.
put("bitmap-text", "runs", "# 4x4 glyphs\n0110100110010110 0\n0010011000100111 1\n")
put("bitmap-text", "spaced", "0 1 1 0 1 0 0 1 3\n1 1 1 1 0 0 0 0 2\n")
put("bitmap-text", "tabs-commas", "1\t0,1,0,1,0,1,0,1\n0\t1,1,0,0,1,1,0,0\n")
put("bitmap-text", "gz", gz(b"0110 1\n1001 0\n"))

# gzip: members of the gzip target (first bytes: a gzip file; the raw-deflate half uses 2 size bytes).
put("gzip", "one-member", gz(b"hello folio\n" * 4))
put("gzip", "two-members", gz(b"first\n") + gz(b"second\n"))
put("gzip", "empty-member", gz(b""))
put("gzip", "with-name", b"\x1f\x8b\x08\x08\x00\x00\x00\x00\x00\x03a.txt\x00" + zlib.compress(b"abc")[2:-4]
    + struct.pack("<II", zlib.crc32(b"abc"), 3))
raw = zlib.compressobj(9, zlib.DEFLATED, -15); body = raw.compress(b"x" * 300) + raw.flush()
put("gzip", "raw-deflate-300", struct.pack("<H", 300) + body)

# safetensors: a Folio model (architecture in __metadata__), plain F32/F16/BF16 tensors.
def safetensors(tensors, metadata=None):
    header, data = {}, b""
    for name, (dtype, shape, raw) in tensors.items():
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    if metadata: header["__metadata__"] = metadata
    j = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    j += b" " * (-len(j) % 8)
    return struct.pack("<Q", len(j)) + j + data
f32 = lambda *v: struct.pack("<%df" % len(v), *v)
arch = {"inputShape": [3], "layers": [{"type": "Dense", "name": "dense", "units": 2, "activation": "relu"},
                                      {"type": "Dense", "name": "dense_1", "units": 1}]}
put("safetensors", "folio-mlp", safetensors({"dense.kernel": ("F32", [3, 2], f32(*range(6))),
                                             "dense.bias": ("F32", [2], f32(0, 1)),
                                             "dense_1.kernel": ("F32", [2, 1], f32(1, -1)),
                                             "dense_1.bias": ("F32", [1], f32(0.5))},
                                            {"format": "pt", "folio.architecture": json.dumps(arch)}))
arch2 = {"inputShape": [4, 4, 1], "layers": [{"type": "Conv2D", "filters": 1, "kernelSize": [2, 2], "padding": "same"},
                                             {"type": "MaxPooling2D", "poolSize": [2]}, {"type": "Flatten"},
                                             {"type": "LSTM", "units": 1}, {"type": "Dropout", "rate": 0.5}]}
put("safetensors", "folio-arch-only", safetensors({}, {"folio.architecture": json.dumps(arch2)}))
put("safetensors", "torch-f16-bf16-i64", safetensors({"fc.weight": ("F16", [2, 2], bytes.fromhex("003c00400042003c")),
                                                      "fc.bias": ("BF16", [2], bytes.fromhex("803f0040")),
                                                      "bn.num_batches_tracked": ("I64", [], struct.pack("<q", 7)),
                                                      "x.f64": ("F64", [1], struct.pack("<d", 2.5))}, {"format": "pt"}))
put("safetensors", "empty-header", safetensors({}))

# notebook and lexer-parser: the golden notebooks and the language tour are added by the caller
# (cp); these small ones cover front matter and options.
put("notebook", "front-matter", """---
title: "Fuzz: a notebook"
author: [Ada, Grace]
date: 2026-11-21
params:
  epochs: 3
  rate: 0.5
  name: mnist
  flag: true
seed: 42
raw-html: false
---

# Heading *with* `code`

Prose with a [link](https://example.com) and <b>html</b>.

```swift
//| label: first
//| echo: false
//| timeout: 5
let x = params.epochs * 2
print("x is \\(x)")
x
```

```python
print("not run")
```

- a list
  > a quote

```swift
//| error: true
//| output: false
undefined()
```
""")
put("notebook", "no-front-matter", "Just prose.\n\n```swift\n1 + 1\n```\n")
put("notebook", "anchors", "---\ntitle: t\n---\n# A\n## A\n### a-1\n| x | y |\n|---|---|\n| 1 | 2 |\n")
put("notebook", "yaml-anchors", "---\nparams: &p\n  a: 1\nextra: *p\n...\n```swift\n//| label: x\n```\n")

put("lexer-parser", "functions", """func fibonacci(_ n: Int) -> Int {
    if n < 2 { return n }
    return fibonacci(n - 1) + fibonacci(n - 2)
}
func greet(name: String = "world", times: Int) -> [String] { (0..<times).map { "hi \\(name) #\\($0)" } }
let xs = [3, 1, 2].sorted().map { $0 * 2 }.filter { x in x > 2 }
var d: [String: Double] = ["a": 1.5, "b": -2e3]
d["c"] = d["a"] ?? 0
let (q, r) = (7 / 2, 7 % 2)
for i in stride(from: 0, to: 10, by: 3) where i != 3 { continue }
while false { break }
print(String(format: "%.2f %5d", 3.14159, 42), greet(times: 2), xs, q, r)
""")
put("lexer-parser", "closures-optionals", """var total = 0
let add: (Int, Int) -> Int = { a, b in a + b }
let maybe: Int? = nil
total = [1, 2, 3].reduce(0) { $0 + $1 } + (maybe ?? add(1, 2))
let model = Sequential([Dense(16, activation: .relu), Dropout(0.5), Dense(10)])
if total > 3 && !(total == 4) || total >= 10 { print("big") } else if total < 0 { print("neg") } else { print("small") }
let s = "nested \\("interp \\(total + 1) ok") end"
let r = 1...5
let t: (a: Int, b: String) = (a: 1, b: "x")
t.a
""")
put("lexer-parser", "errors", "let = 5\nfunc (\nprint(\"unterminated\nvar x: [Int = [1, 2\n1!!!\n")
put("lexer-parser", "numbers-strings",
    'let a = 0x1F + 0b101 + 0o17 + 1_000_000\nlet b = 1.5e-3 + .5\nlet c = """\n  multi\n  line \\(a)\n  """\n'
    'let d = "tab\\t\\u{1F600}\\"q\\""\n')
