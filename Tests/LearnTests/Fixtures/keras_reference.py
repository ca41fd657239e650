"""Prints the expected outputs that KerasReferenceTests.swift compares Folio's layers with.

Each layer gets the weights w_i[k] = 0.5*sin(0.7*k + i + 1) (its i-th weight in Keras's order,
filled in row-major order) and the input x[k] = cos(0.3*k); the printed numbers are the layer's
output for that one sample, flattened, six decimals as the test writes them.

    python3 -m venv /tmp/keras && /tmp/keras/bin/pip install keras numpy
    KERAS_BACKEND=numpy /tmp/keras/bin/python Tests/LearnTests/Fixtures/keras_reference.py

Run with Keras 3.15.1 on the numpy backend (no deep-learning framework needed), it prints the
test's figures to their last digit (one of them differs by 1e-6, inside the test's 2e-5).
"""

import math

import keras
import numpy as np


def weights_like(layer):
    filled = []
    for i, w in enumerate(layer.get_weights()):
        k = np.arange(w.size, dtype=np.float64)
        filled.append((0.5 * np.sin(0.7 * k + i + 1)).reshape(w.shape).astype(np.float32))
    return filled


def output(layer, shape, attention=False):
    inp = keras.Input(shape=shape)
    out = layer(inp, inp) if attention else layer(inp)
    model = keras.Model(inp, out)
    layer.set_weights(weights_like(layer))
    count = math.prod(shape)
    x = np.cos(0.3 * np.arange(count, dtype=np.float64)).reshape((1,) + shape).astype(np.float32)
    return model.predict(x, verbose=0).reshape(-1)


CASES = [
    ("testSimpleRNN", lambda: keras.layers.SimpleRNN(3, return_sequences=True), (4, 2), False),
    ("testLSTM", lambda: keras.layers.LSTM(3, return_sequences=True), (4, 2), False),
    ("testGRUWithResetAfter", lambda: keras.layers.GRU(3, return_sequences=True), (4, 2), False),
    ("testMultiHeadSelfAttention", lambda: keras.layers.MultiHeadAttention(num_heads=2, key_dim=2), (3, 4), True),
    ("testLayerNormalization", lambda: keras.layers.LayerNormalization(), (2, 4), False),
]

if __name__ == "__main__":
    print(f"keras {keras.__version__}, backend {keras.backend.backend()}")
    for name, make, shape, attention in CASES:
        values = output(make(), shape, attention)
        print(f"{name}: [" + ", ".join(f"{v:.6f}" for v in values) + "]")
