"""The phone classifier: a compact CNN over log-mel frames, convolutional along time, with the
frequency axis kept in the head (see docs/ARCHITECTURE.md: global pooling over frequency
collapsed unseen voices), ending in per-frame dense layers that the browser can fine-tune.

Layout. PyTorch runs NCHW = [batch, channels, time, mel]; the exported tfjs model runs NHWC =
[batch, time, mel, channels]. Every layer here has an exact tfjs-layers 4.22 counterpart (Conv2D
'same' with odd kernels, MaxPooling2D over frequency only, Reshape [-1, F*C], Dense), so a whole clip
goes through in one pass with any number of frames.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

import torch
from torch import nn

PHONE_COUNT = 40


@dataclass(frozen=True)
class NetConfig:
    """Shape of the network. Defaults are the shipped recipe's."""

    mel_bands: int = 64
    # (channels, kernel_time, kernel_freq, dilation_time, pool_freq) per conv block.
    convs: tuple = ((16, 3, 3, 1, 2), (32, 3, 3, 1, 2), (32, 9, 1, 1, 1))
    hidden: int = 128
    # Dropout of whole head input channels (one of F·C, over all frames of a crop): cheap on CPU.
    feature_dropout: float = 0.1
    # Elementwise dropout on the hidden dense layer.
    dropout: float = 0.2
    classes: int = PHONE_COUNT

    def to_json(self) -> dict:
        d = asdict(self)
        d["convs"] = [list(c) for c in self.convs]
        return d

    @staticmethod
    def from_json(d: dict) -> "NetConfig":
        d = dict(d)
        d["convs"] = tuple(tuple(c) for c in d["convs"])
        return NetConfig(**d)

    def head_bands(self) -> int:
        bands = self.mel_bands
        for _, _, _, _, pool in self.convs:
            bands //= pool
        return bands

    def context(self) -> int:
        """Frames of context on each side of a frame (receptive field half-width)."""
        return sum(d * (kt - 1) // 2 for _, kt, _, d, _ in self.convs)


class ConvBlock(nn.Module):
    def __init__(self, cin: int, cout: int, kt: int, kf: int, dil: int, pool: int):
        super().__init__()
        assert kt % 2 == 1 and kf % 2 == 1, "odd kernels keep 'same' padding symmetric (as in tfjs)"
        self.conv = nn.Conv2d(cin, cout, (kt, kf), padding=(dil * (kt - 1) // 2, (kf - 1) // 2), dilation=(dil, 1))
        self.bn = nn.BatchNorm2d(cout)
        self.pool = pool

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = torch.relu(self.bn(self.conv(x)))
        if self.pool > 1:
            x = nn.functional.max_pool2d(x, (1, self.pool), (1, self.pool))
        return x


class PhoneNet(nn.Module):
    """[B, T, mel] normalised log-mel → [B, T, classes] logits."""

    def __init__(self, cfg: NetConfig = NetConfig()):
        super().__init__()
        self.cfg = cfg
        blocks = []
        cin = 1
        for cout, kt, kf, dil, pool in cfg.convs:
            blocks.append(ConvBlock(cin, cout, kt, kf, dil, pool))
            cin = cout
        self.blocks = nn.ModuleList(blocks)
        self.flat = cfg.head_bands() * cin
        self.feature_drop = nn.Dropout2d(cfg.feature_dropout)
        self.drop = nn.Dropout(cfg.dropout)
        # The per-frame dense layers run as 1×1 convolutions over [B, F·C, T, 1]: identical maths, but
        # Debian's torch has only the reference BLAS, and its oneDNN convolutions are ~5× faster here.
        self.fc1 = nn.Conv2d(self.flat, cfg.hidden, 1)
        self.fc2 = nn.Conv2d(cfg.hidden, cfg.classes, 1)

    def features(self, x: torch.Tensor) -> torch.Tensor:
        """[B, T, mel] → [B, F·C, T, 1], channel index f·C + c: the element order of tfjs's NHWC Reshape."""
        h = x.unsqueeze(1)
        for block in self.blocks:
            h = block(h)
        b, c, t, f = h.shape
        return h.permute(0, 3, 1, 2).reshape(b, f * c, t, 1)

    def logits_bct(self, x: torch.Tensor) -> torch.Tensor:
        """[B, T, mel] → logits [B, classes, T] (the layout cross_entropy takes)."""
        h = self.feature_drop(self.features(x))
        h = self.drop(torch.relu(self.fc1(h)))
        return self.fc2(h)[..., 0]

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """[B, T, mel] → logits [B, T, classes]."""
        return self.logits_bct(x).transpose(1, 2)


def folded_conv(block: ConvBlock) -> tuple[torch.Tensor, torch.Tensor]:
    """Conv weight and bias with the (eval-mode) BatchNorm folded in: y = W'x + b'."""
    conv, bn = block.conv, block.bn
    scale = bn.weight.detach() / torch.sqrt(bn.running_var + bn.eps)
    w = conv.weight.detach() * scale[:, None, None, None]
    b = (conv.bias.detach() - bn.running_mean) * scale + bn.bias.detach()
    return w, b
