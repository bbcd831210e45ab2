"""Circular padding: with it, a conv stack (and a tiny diffusers VAE decoder / UNet) is
translation-equivariant across the seam, so its outputs tile (xy) or wrap in azimuth
(x); without it they are not; the layers are restored afterwards."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

from ai_sets_addon.ai.seamless import (  # noqa: E402
    circular_padding, seam_step_ratio)


def _net():
    torch.manual_seed(0)
    return torch.nn.Sequential(
        torch.nn.Conv2d(3, 8, 3, padding=1), torch.nn.ReLU(),
        torch.nn.Conv2d(8, 8, 3, stride=2, padding=1), torch.nn.ReLU(),
        torch.nn.Upsample(scale_factor=2), torch.nn.Conv2d(8, 3, 5, padding=2)).eval()


def _x():
    torch.manual_seed(1)
    return torch.randn(1, 3, 32, 64)


@torch.no_grad()
def test_xy_tiles_and_is_restored():
    net, x = _net(), _x()
    before = net(x)
    with circular_padding(net, axes="xy") as n:
        assert n == 3
        for dims, shift in (((-1,), 6), ((-2,), 4)):
            y = net(torch.roll(x, shift, dims))
            assert torch.allclose(y, torch.roll(net(x), shift, dims), atol=1e-5)
    assert torch.allclose(net(x), before)
    assert all(m.padding_mode == "zeros" for m in net if isinstance(m, torch.nn.Conv2d))
    y = net(torch.roll(x, 6, -1))
    assert not torch.allclose(y, torch.roll(net(x), 6, -1), atol=1e-3)   # zeros: seams


@torch.no_grad()
def test_x_only_wraps_in_width_not_height():
    net, x = _net(), _x()
    with circular_padding(net, axes="x"):
        y = net(torch.roll(x, 6, -1))
        assert torch.allclose(y, torch.roll(net(x), 6, -1), atol=1e-5)
        y = net(torch.roll(x, 4, -2))
        assert not torch.allclose(y, torch.roll(net(x), 4, -2), atol=1e-3)
    assert all("_conv_forward" not in m.__dict__ for m in net)


@torch.no_grad()
def test_tiny_diffusers_vae_decoder_and_unet_wrap():
    diffusers = pytest.importorskip("diffusers")
    torch.manual_seed(0)
    vae = diffusers.AutoencoderKL(
        in_channels=3, out_channels=3, latent_channels=4,
        down_block_types=("DownEncoderBlock2D", "DownEncoderBlock2D"),
        up_block_types=("UpDecoderBlock2D", "UpDecoderBlock2D"),
        block_out_channels=(8, 16), layers_per_block=1, norm_num_groups=4).eval()
    unet = diffusers.UNet2DModel(
        sample_size=16, in_channels=4, out_channels=4, block_out_channels=(8, 16),
        layers_per_block=1, norm_num_groups=4,
        down_block_types=("DownBlock2D", "DownBlock2D"),
        up_block_types=("UpBlock2D", "UpBlock2D")).eval()
    latents = torch.randn(1, 4, 16, 32)
    with circular_padding(unet, vae, axes="x"):
        eps = unet(latents, 10).sample
        assert torch.allclose(unet(torch.roll(latents, 2, -1), 10).sample,
                              torch.roll(eps, 2, -1), atol=1e-4)
        image = vae.decode(latents).sample
        rolled = vae.decode(torch.roll(latents, 3, -1)).sample
        assert torch.allclose(rolled, torch.roll(image, 6, -1), atol=1e-4)
    img = image[0].permute(1, 2, 0).numpy()
    assert seam_step_ratio(img, axis=1) <= 1.5      # no larger than between neighbours


def test_pbr_maps_from_a_tiling_colour_tile():
    """Maps made from a tiling colour tile: the joint steps no more than neighbours do."""
    import numpy as np

    from ai_sets_addon.ai.pbr import pbr_from_colour

    rng = np.random.default_rng(3)
    spectrum = rng.normal(size=(64, 33, 3)) + 1j * rng.normal(size=(64, 33, 3))
    fy, fx = np.meshgrid(np.fft.fftfreq(64), np.fft.rfftfreq(64), indexing="ij")
    spectrum *= np.exp(-(fx ** 2 + fy ** 2) / 0.01)[..., None]
    noise = np.fft.irfft2(spectrum, s=(64, 64), axes=(0, 1))       # periodic by construction
    colour = 0.5 + 0.4 * noise / np.abs(noise).max()
    maps = pbr_from_colour(colour)
    for m in (maps.height, maps.roughness, maps.ao, maps.normal):
        assert np.isfinite(m).all() and m.min() >= 0.0 and m.max() <= 1.0
        assert seam_step_ratio(m, axis=1) <= 1.5 and seam_step_ratio(m, axis=0) <= 1.5
    assert maps.normal[..., 2].min() > 0.5          # normals point out of the surface


def test_pbr_height_puts_dark_mortar_below_bright_bricks():
    import numpy as np

    from ai_sets_addon.ai.pbr import pbr_from_colour

    y, x = np.mgrid[0:64, 0:64] / 64.0
    mortar = ((4 * y) % 1.0 < 0.12) | ((2 * x + 0.5 * (np.floor(4 * y) % 2)) % 1.0 < 0.06)
    colour = np.where(mortar[..., None], 0.35, 0.7) * np.array([0.9, 0.5, 0.4])
    height = pbr_from_colour(colour).height
    assert height[~mortar].mean() > height[mortar].mean() + 0.2


def test_tiny_model_panorama_wraps_has_flat_poles_and_lifts(tmp_path):
    """A tiny random-weight SD 1.5 + ControlNet (tests/unit/tiny_models.py) makes a 2:1
    panorama: the step across 0/360° is no larger than between neighbouring columns, the
    pole rows are flat, and the lift accepts it (an HDR map with or without a sun)."""
    import numpy as np

    pytest.importorskip("diffusers")
    import tiny_models
    from ai_sets_addon.ai import ModelRequest, load_pipeline
    from ai_sets_addon.ai.panorama import (
        PanoramaRequest, generate_panorama, lift_panorama)

    torch.set_num_threads(1)
    folder = tiny_models.save_sd15(tmp_path / "sd15")
    model = load_pipeline(ModelRequest(str(folder)))
    ldr = generate_panorama(model, PanoramaRequest("a misty glen", width=128, steps=2))
    assert ldr.shape == (64, 128, 3) and ldr.dtype == np.uint8
    assert seam_step_ratio(ldr.astype(float), axis=1) <= 1.5
    assert np.ptp(ldr[0].astype(float), axis=0).max() <= 2     # the zenith row is one colour
    result, _ = lift_panorama(ldr.repeat(4, 0).repeat(4, 1))    # the lift needs >= 256 wide
    assert np.isfinite(result.rgb).all() and result.rgb.shape == (256, 512, 3)
    from ai_sets_addon.ai.panorama import make_ai_sky

    out = tmp_path / "sky" / "glen.exr"
    result, ldr_path = make_ai_sky(model, PanoramaRequest("a misty glen", width=256, steps=2),
                                   out)
    names = sorted(p.name for p in out.parent.iterdir())
    assert names == ["glen.exr", "glen.json", "glen.png", "glen_ldr.png"]


def test_tiny_model_material_tiles_and_writes_the_procedural_map_set(tmp_path):
    import numpy as np
    from PIL import Image

    pytest.importorskip("diffusers")
    import tiny_models
    from ai_sets_addon.ai import ModelRequest, load_pipeline
    from ai_sets_addon.ai.material import (
        AiMaterialRequest, make_ai_material)

    torch.set_num_threads(1)
    model = load_pipeline(ModelRequest(str(tiny_models.save_sd15(tmp_path / "sd15"))))
    desc = make_ai_material(model, AiMaterialRequest("peeling teal paint", "teal_paint",
                                                     size=64, steps=2), tmp_path / "m")
    names = sorted(p.name for p in (tmp_path / "m").iterdir())
    assert names == ["teal_paint.json", "teal_paint_ao.png", "teal_paint_base_color.png",
                     "teal_paint_height.png", "teal_paint_normal.png",
                     "teal_paint_roughness.png"]
    assert desc.family == "ai" and set(desc.maps) == {"base_color", "normal", "roughness",
                                                      "height", "ao"}
    colour = np.asarray(Image.open(desc.maps["base_color"]), float)
    assert seam_step_ratio(colour, axis=1) <= 1.5 and seam_step_ratio(colour, axis=0) <= 1.5
