"""Writes the fixtures of WeightImportTests.swift: small PyTorch models saved as their state_dict
the way `safetensors.torch.save_file` writes them, and beside each `<name>.io.safetensors` with a
few fixed inputs in Folio's layout (images NHWC, sequences [N, steps, features]) and the model's
outputs for them in eval mode.

    PYTHONPATH=<folder with the safetensors package> \
        ~/.cache/folio-bench/venv/bin/python Tests/LearnTests/Fixtures/make_fixtures.py

Without the `safetensors` package the script writes the same layout itself (tensors sorted by
dtype, then by name, as the library does), so only torch is needed.
"""
import json
import pathlib
import struct

import torch
from torch import nn

OUT = pathlib.Path(__file__).resolve().parent
DTYPES = {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16", torch.float64: "F64", torch.int64: "I64"}
# The safetensors library's Dtype order; it writes tensors by descending dtype, then by name.
DTYPE_ORDER = ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64",
               "I64", "U64"]


def save(tensors, name):
    tensors = {k: v.detach().contiguous() for k, v in tensors.items()}
    try:
        from safetensors.torch import save_file
        save_file(tensors, str(OUT / name))
        return
    except ImportError:
        pass
    items = sorted(tensors.items(), key=lambda kv: (-DTYPE_ORDER.index(DTYPES[kv[1].dtype]), kv[0]))
    header, data = {}, b""
    for key, t in items:
        raw = t.reshape(-1).view(torch.uint8).numpy().tobytes()
        header[key] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape),
                       "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    (OUT / name).write_bytes(struct.pack("<Q", len(text)) + text + data)


def save_io(name, inputs, model, folio_inputs=None, **extra):
    with torch.no_grad():
        outputs = model(inputs)
    save({"inputs": inputs if folio_inputs is None else folio_inputs, "outputs": outputs, **extra},
         f"{name}.io.safetensors")


def mlp():
    model = nn.Sequential(nn.Linear(6, 16), nn.ReLU(), nn.Linear(16, 8), nn.Tanh(), nn.Linear(8, 3)).eval()
    x = torch.randn(4, 6)
    state = model.state_dict()
    save(state, "mlp.safetensors")
    save({k: v.double() for k, v in state.items()}, "mlp.f64.safetensors")
    extra = {}
    for dtype, tag in [(torch.float16, "f16"), (torch.bfloat16, "bf16")]:
        save({k: v.to(dtype) for k, v in state.items()}, f"mlp.{tag}.safetensors")
        rounded = nn.Sequential(nn.Linear(6, 16), nn.ReLU(), nn.Linear(16, 8), nn.Tanh(), nn.Linear(8, 3)).eval()
        rounded.load_state_dict({k: v.to(dtype).float() for k, v in state.items()})
        with torch.no_grad():
            extra[f"outputs_{tag}"] = rounded(x)
    # Keras layout ([in, out] kernels) under Keras-style names that are not Folio's.
    keras = {}
    for i, index in enumerate([0, 2, 4]):
        keras[f"dense_{i + 1}/kernel"] = state[f"{index}.weight"].T
        keras[f"dense_{i + 1}/bias"] = state[f"{index}.bias"]
    save(keras, "mlp.keras.safetensors")
    save_io("mlp", x, model, **extra)


class CNN(nn.Module):
    """conv → BN → ReLU → pool → conv (no bias) → BN → ReLU → flatten (C, H, W) → linear."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(2, 4, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(4)
        self.conv2 = nn.Conv2d(4, 4, 3, bias=False)
        self.bn2 = nn.BatchNorm2d(4)
        self.fc = nn.Linear(4 * 2 * 2, 5)

    def forward(self, x):
        x = torch.max_pool2d(torch.relu(self.bn1(self.conv1(x))), 2)
        x = torch.relu(self.bn2(self.conv2(x)))
        return self.fc(x.flatten(1))


def save_image_model(model, name, norms, channels, size=8, **extra):
    """Random BatchNorm scales and shifts, moving statistics moved away from 0 and 1 by a few
    training-mode batches, then the state_dict and 3 images (size×size) with their outputs in eval
    mode; `extra` maps more output names to functions of the outputs."""
    with torch.no_grad():
        for bn in norms:
            bn.weight.uniform_(0.5, 1.5)
            bn.bias.uniform_(-0.5, 0.5)
    model.train()
    with torch.no_grad():
        for _ in range(3):
            model(torch.randn(8, channels, size, size) * 2 + 0.5)
    model.eval()
    save(model.state_dict(), f"{name}.safetensors")
    x = torch.randn(3, channels, size, size)
    with torch.no_grad():
        outputs = model(x)
    save_io(name, x, model, folio_inputs=x.permute(0, 2, 3, 1), **{k: f(outputs) for k, f in extra.items()})


def cnn():
    model = CNN()
    save_image_model(model, "cnn", [model.bn1, model.bn2], channels=2)


class BasicBlock(nn.Module):
    """torchvision's ResNet basic block where a stage starts: conv 3×3 stride 2 → BN → ReLU →
    conv 3×3 → BN, plus a downsampling shortcut conv 1×1 stride 2 → BN, ReLU after the sum; all
    convolutions without bias; then global average pooling and a linear head. Inputs are 8×8, an
    even size, where PyTorch's padding=1 at stride 2 is not Folio's `.same` but `padding: 1`."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 3, stride=2, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(6)
        self.conv2 = nn.Conv2d(6, 6, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(6)
        self.downsample = nn.Sequential(nn.Conv2d(3, 6, 1, stride=2, bias=False), nn.BatchNorm2d(6))
        self.fc = nn.Linear(6, 4)

    def forward(self, x):
        out = self.bn2(self.conv2(torch.relu(self.bn1(self.conv1(x)))))
        return self.fc(torch.relu(out + self.downsample(x)).mean((2, 3)))


def resblock():
    model = BasicBlock()
    save_image_model(model, "resblock", [model.bn1, model.bn2, model.downsample[1]], channels=3)


class Recurrent(nn.Module):
    """A PyTorch recurrent layer read to its last step, then a linear head."""

    def __init__(self, rnn, units):
        super().__init__()
        self.rnn = rnn
        self.fc = nn.Linear(units, 3)

    def forward(self, x):
        out, state = self.rnn(x)
        if self.rnn.bidirectional:  # Keras's Bidirectional: both directions' final states
            h = state[0] if isinstance(state, tuple) else state
            return self.fc(torch.cat([h[-2], h[-1]], dim=1))
        return self.fc(out[:, -1])


def recurrent():
    for name, rnn, units in [("lstm", nn.LSTM(5, 8, batch_first=True), 8),
                             ("gru", nn.GRU(5, 6, num_layers=2, batch_first=True), 6),
                             ("rnn", nn.RNN(5, 6, batch_first=True), 6),
                             ("bilstm", nn.LSTM(5, 4, batch_first=True, bidirectional=True), 8)]:
        model = Recurrent(rnn, units).eval()
        save(model.state_dict(), f"{name}.safetensors")
        save_io(name, torch.randn(3, 7, 5), model)


class Attention(nn.Module):
    """Learned positions, a residual self-attention block, LayerNorm, flatten, linear head."""

    def __init__(self):
        super().__init__()
        self.pos = nn.Parameter(torch.randn(1, 5, 8) * 0.1)
        self.attn = nn.MultiheadAttention(8, 2, batch_first=True)
        self.norm = nn.LayerNorm(8)
        self.head = nn.Linear(40, 3)

    def forward(self, x):
        h = x + self.pos
        h = h + self.attn(h, h, h, need_weights=False)[0]
        return self.head(self.norm(h).flatten(1))


def attention():
    model = Attention().eval()
    with torch.no_grad():  # PyTorch starts these at 0 and 1; make them tell
        model.attn.in_proj_bias.uniform_(-0.3, 0.3)
        model.attn.out_proj.bias.uniform_(-0.3, 0.3)
        model.norm.weight.uniform_(0.5, 1.5)
        model.norm.bias.uniform_(-0.3, 0.3)
    save(model.state_dict(), "attention.safetensors")
    save_io("attention", torch.randn(3, 5, 8), model)


class Encoder(nn.Module):
    """A pre-norm Transformer encoder layer (Folio's TransformerEncoder, whose LayerNorms use
    eps 1e-3), flatten, linear head."""

    def __init__(self):
        super().__init__()
        self.block = nn.TransformerEncoderLayer(8, 2, dim_feedforward=16, dropout=0.0, batch_first=True,
                                                norm_first=True, layer_norm_eps=1e-3)
        self.head = nn.Linear(40, 3)

    def forward(self, x):
        return self.head(self.block(x).flatten(1))


def encoder():
    model = Encoder().eval()
    with torch.no_grad():
        model.block.self_attn.in_proj_bias.uniform_(-0.3, 0.3)
        for norm in [model.block.norm1, model.block.norm2]:
            norm.weight.uniform_(0.5, 1.5)
            norm.bias.uniform_(-0.3, 0.3)
    save(model.state_dict(), "encoder.safetensors")
    save_io("encoder", torch.randn(3, 5, 8), model)


class EncoderDecoder(nn.Module):
    """Two same-shaped layers whose names sort against their order: "decoder" runs second."""

    def __init__(self):
        super().__init__()
        self.encoder = nn.Linear(4, 4)
        self.decoder = nn.Linear(4, 4)

    def forward(self, x):
        return self.decoder(torch.relu(self.encoder(x)))


def encoder_decoder():
    model = EncoderDecoder().eval()
    save(model.state_dict(), "encdec.safetensors")
    save_io("encdec", torch.randn(3, 4), model)


def torchvision_resnet():
    """A small ResNet with torchvision's own layout: torchvision's `ResNet` class (its `_make_layer`
    and `forward`, so the same state_dict names) and `Bottleneck` blocks, with stage widths 4/8/8/8
    instead of 64/128/256/512 and blocks [2, 1, 1, 1], on 32×32 RGB images (stem /4, then /2 per
    stage after the first: 1×1 before the pooling). Outputs are logits; "probabilities" is their
    softmax, what Folio's head (Dense with softmax) gives."""
    import sys
    import types
    # torchvision's compiled operators (nms, …) need a torch build matching its own; the models use
    # none of them, so their fake-tensor registrations are skipped when they cannot load.
    sys.modules.setdefault("torchvision._meta_registrations", types.ModuleType("torchvision._meta_registrations"))
    from torchvision.models.resnet import Bottleneck, ResNet

    class SmallResNet(ResNet):
        def __init__(self, blocks=(2, 1, 1, 1), widths=(4, 8, 8, 8), classes=5):
            nn.Module.__init__(self)
            self._norm_layer, self.dilation, self.groups, self.base_width = nn.BatchNorm2d, 1, 1, 64
            self.inplanes = widths[0]
            self.conv1 = nn.Conv2d(3, widths[0], kernel_size=7, stride=2, padding=3, bias=False)
            self.bn1 = nn.BatchNorm2d(widths[0])
            self.relu = nn.ReLU(inplace=True)
            self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
            for i, (count, width) in enumerate(zip(blocks, widths)):
                setattr(self, f"layer{i + 1}", self._make_layer(Bottleneck, width, count, stride=1 if i == 0 else 2))
            self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
            self.fc = nn.Linear(widths[-1] * Bottleneck.expansion, classes)

    # torchvision's own ResNet-50: its state_dict's names and shapes, for the key-mapping test.
    from torchvision.models.resnet import resnet50
    shapes = {k: list(v.shape) for k, v in resnet50().state_dict().items()}
    (OUT / "resnet50-keys.json").write_text(json.dumps(shapes))
    model = SmallResNet()
    norms = [m for m in model.modules() if isinstance(m, nn.BatchNorm2d)]
    save_image_model(model, "resnet-small", norms, channels=3, size=32,
                     probabilities=lambda logits: torch.softmax(logits, dim=1))


def resnet50_full():
    """Not committed (100 MB): torchvision's ResNet-50 with shifted batch norms, and 2 images of 64×64 with
    their logits, into $FOLIO_RESNET50_DIR (default /tmp) for the opt-in test
    testFullResNet50AgreesWithPyTorchWhenItsFilesAreGiven."""
    import os
    import sys
    import types
    sys.modules.setdefault("torchvision._meta_registrations", types.ModuleType("torchvision._meta_registrations"))
    from torchvision.models.resnet import resnet50
    folder = pathlib.Path(os.environ.get("FOLIO_RESNET50_DIR", "/tmp"))
    model = resnet50().eval()
    with torch.no_grad():
        for bn in [m for m in model.modules() if isinstance(m, nn.BatchNorm2d)]:
            bn.weight.uniform_(0.5, 1.5)
            bn.bias.uniform_(-0.2, 0.2)
            bn.running_mean.uniform_(-0.2, 0.2)
            bn.running_var.uniform_(0.5, 1.5)
        x = torch.randn(2, 3, 64, 64)
        logits = model(x)
    from safetensors.torch import save_file
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, str(folder / "resnet50.safetensors"))
    save_file({"inputs": x.permute(0, 2, 3, 1).contiguous(), "outputs": logits,
               "probabilities": torch.softmax(logits, 1)}, str(folder / "resnet50.io.safetensors"))


if __name__ == "__main__":
    # `make_fixtures.py torchvision_resnet` remakes only the fixtures named; none remakes them all.
    import sys
    torch.manual_seed(0)
    makers = [mlp, cnn, recurrent, attention, encoder, encoder_decoder, resblock, torchvision_resnet]
    for make in makers + [resnet50_full]:
        if (len(sys.argv) < 2 and make in makers) or make.__name__ in sys.argv[1:]:
            make()
    print("\n".join(f"{p.name}: {p.stat().st_size} bytes" for p in sorted(OUT.glob("*.safetensors"))))
