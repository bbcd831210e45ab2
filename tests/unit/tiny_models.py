"""Tiny random-weight diffusers models, built and saved by test fixtures (no download):
SD 1.5 + depth ControlNet, SDXL + ControlNet, SDXL + T2I-Adapter, and an SD 1.5
single-file checkpoint in the original (LDM) layout. They generate 64x64 in ~0.1 s."""

from __future__ import annotations

import json
from pathlib import Path

TEXT = dict(bos_token_id=0, eos_token_id=1, hidden_size=32, intermediate_size=37,
            layer_norm_eps=1e-05, num_attention_heads=4, num_hidden_layers=2,
            pad_token_id=1, vocab_size=200, projection_dim=32)
SD15_UNET = dict(block_out_channels=(4, 8), layers_per_block=2, in_channels=4,
                 down_block_types=("CrossAttnDownBlock2D", "DownBlock2D"),
                 cross_attention_dim=32, norm_num_groups=1, attention_head_dim=(2, 4))
XL_UNET = dict(block_out_channels=(8, 16), layers_per_block=1, in_channels=4,
               down_block_types=("DownBlock2D", "CrossAttnDownBlock2D"),
               attention_head_dim=(2, 4), use_linear_projection=True,
               addition_embed_type="text_time", addition_time_embed_dim=8,
               transformer_layers_per_block=(1, 2), projection_class_embeddings_input_dim=80,
               cross_attention_dim=64, norm_num_groups=4)


def tokenizer(folder: Path):
    from transformers import CLIPTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    chars = list("abcdefghijklmnopqrstuvwxyz0123456789,.-'")
    vocab = {"<|startoftext|>": 0, "<|endoftext|>": 1}
    for suffix in ("", "</w>"):
        for c in chars:
            vocab.setdefault(c + suffix, len(vocab))
    (folder / "vocab.json").write_text(json.dumps(vocab))
    (folder / "merges.txt").write_text("#version: 0.2\n")
    return CLIPTokenizer(str(folder / "vocab.json"), str(folder / "merges.txt"),
                         pad_token="<|endoftext|>", model_max_length=77)


def _vae(channels):
    from diffusers import AutoencoderKL

    return AutoencoderKL(block_out_channels=list(channels), in_channels=3, out_channels=3,
                         down_block_types=["DownEncoderBlock2D"] * 2,
                         up_block_types=["UpDecoderBlock2D"] * 2, latent_channels=4,
                         norm_num_groups=min(channels[0], 2))


def sd15_parts(work: Path, seed: int = 0) -> dict:
    import torch
    from diffusers import ControlNetModel, EulerDiscreteScheduler, UNet2DConditionModel
    from transformers import CLIPTextConfig, CLIPTextModel

    torch.manual_seed(seed)
    return dict(
        unet=UNet2DConditionModel(sample_size=32, out_channels=4,
                                  up_block_types=("UpBlock2D", "CrossAttnUpBlock2D"), **SD15_UNET),
        controlnet=ControlNetModel(conditioning_embedding_out_channels=(16, 32), **SD15_UNET),
        vae=_vae((4, 8)), text_encoder=CLIPTextModel(CLIPTextConfig(**TEXT)),
        tokenizer=tokenizer(work / "tok"), scheduler=EulerDiscreteScheduler(steps_offset=1))


def save_sd15(folder: Path, with_controlnet: bool = True) -> Path:
    """A StableDiffusion(ControlNet)Pipeline folder; the ControlNet also beside it."""
    from diffusers import StableDiffusionControlNetPipeline, StableDiffusionPipeline

    parts = sd15_parts(folder.parent)
    controlnet = parts.pop("controlnet")
    common = dict(safety_checker=None, feature_extractor=None, requires_safety_checker=False)
    if with_controlnet:
        pipe = StableDiffusionControlNetPipeline(controlnet=controlnet, **parts, **common)
    else:
        pipe = StableDiffusionPipeline(**parts, **common)
    pipe.save_pretrained(folder, safe_serialization=True)
    controlnet.save_pretrained(folder.parent / f"{folder.name}_controlnet")
    return folder


def save_sdxl(folder: Path, adapter: bool = False) -> Path:
    import torch
    from diffusers import (ControlNetModel, EulerDiscreteScheduler,
                           StableDiffusionXLAdapterPipeline, StableDiffusionXLControlNetPipeline,
                           T2IAdapter, UNet2DConditionModel)
    from transformers import CLIPTextConfig, CLIPTextModel, CLIPTextModelWithProjection

    torch.manual_seed(1)
    tok = tokenizer(folder.parent / "tok")
    common = dict(
        unet=UNet2DConditionModel(sample_size=32, out_channels=4,
                                  up_block_types=("CrossAttnUpBlock2D", "UpBlock2D"), **XL_UNET),
        vae=_vae((8, 16)), text_encoder=CLIPTextModel(CLIPTextConfig(**TEXT)),
        text_encoder_2=CLIPTextModelWithProjection(CLIPTextConfig(**TEXT)),
        tokenizer=tok, tokenizer_2=tok, scheduler=EulerDiscreteScheduler(steps_offset=1))
    if adapter:
        control = T2IAdapter(in_channels=3, channels=[8, 16], num_res_blocks=1,
                             downscale_factor=4, adapter_type="full_adapter_xl")
        pipe = StableDiffusionXLAdapterPipeline(adapter=control, **common)
    else:
        control = ControlNetModel(conditioning_embedding_out_channels=(16, 32), **XL_UNET)
        pipe = StableDiffusionXLControlNetPipeline(controlnet=control, **common)
    pipe.save_pretrained(folder, safe_serialization=True)
    return folder


def save_sd15_single_file(pipeline_folder: Path, out: Path) -> Path:
    """The tiny SD 1.5 pipeline as one original-layout (LDM) .safetensors checkpoint, the
    form most community models ship in (the inverse of diffusers' single-file loader)."""
    from diffusers import AutoencoderKL, UNet2DConditionModel
    from safetensors.torch import save_file
    from transformers import CLIPTextModel

    unet = UNet2DConditionModel.from_pretrained(pipeline_folder / "unet")
    vae = AutoencoderKL.from_pretrained(pipeline_folder / "vae")
    text = CLIPTextModel.from_pretrained(pipeline_folder / "text_encoder")
    state = {}
    blocks = len(unet.config.block_out_channels)
    for key, value in unet.state_dict().items():
        state["model.diffusion_model." + _unet_key(key, blocks)] = value
    layers = vae.config.layers_per_block
    for key, value in vae.state_dict().items():
        new = _vae_key(key, blocks, layers)
        if new.startswith("decoder.mid.attn_1.") or new.startswith("encoder.mid.attn_1."):
            if new.endswith(("q.weight", "k.weight", "v.weight", "proj_out.weight")):
                value = value.reshape(*value.shape, 1, 1)
        state["first_stage_model." + new] = value
    for key, value in text.state_dict().items():   # transformers >= 5.6 drops text_model.
        key = key if key.startswith("text_model.") else "text_model." + key
        state["cond_stage_model.transformer." + key] = value
    save_file({k: v.contiguous() for k, v in state.items()}, str(out))
    return out


def _unet_key(key: str, n: int) -> str:
    direct = {"time_embedding.linear_1.": "time_embed.0.", "time_embedding.linear_2.":
              "time_embed.2.", "conv_in.": "input_blocks.0.0.", "conv_norm_out.": "out.0.",
              "conv_out.": "out.2."}
    for hf, sd in direct.items():
        if key.startswith(hf):
            return sd + key[len(hf):]
    if "resnets" in key:
        for sd, hf in (("in_layers.0", "norm1"), ("in_layers.2", "conv1"),
                       ("out_layers.0", "norm2"), ("out_layers.3", "conv2"),
                       ("emb_layers.1", "time_emb_proj"), ("skip_connection", "conv_shortcut")):
            key = key.replace(hf, sd)
    for sd, hf in _unet_layers(n):
        key = key.replace(hf, sd)
    return key


def _unet_layers(n: int) -> list[tuple[str, str]]:
    pairs = []
    for i in range(n):
        for j in range(2):
            pairs.append((f"input_blocks.{3 * i + j + 1}.0.", f"down_blocks.{i}.resnets.{j}."))
            if i < n - 1:
                pairs.append((f"input_blocks.{3 * i + j + 1}.1.",
                              f"down_blocks.{i}.attentions.{j}."))
        for j in range(3):
            pairs.append((f"output_blocks.{3 * i + j}.0.", f"up_blocks.{i}.resnets.{j}."))
            if i > 0:
                pairs.append((f"output_blocks.{3 * i + j}.1.", f"up_blocks.{i}.attentions.{j}."))
        if i < n - 1:
            pairs.append((f"input_blocks.{3 * (i + 1)}.0.op.", f"down_blocks.{i}.downsamplers.0.conv."))
            pairs.append((f"output_blocks.{3 * i + 2}.{1 if i == 0 else 2}.",
                          f"up_blocks.{i}.upsamplers.0."))
    pairs.append(("middle_block.1.", "mid_block.attentions.0."))
    pairs += [(f"middle_block.{2 * j}.", f"mid_block.resnets.{j}.") for j in range(2)]
    return pairs


def _vae_key(key: str, n: int, layers: int) -> str:
    pairs = [("nin_shortcut", "conv_shortcut"), ("norm_out", "conv_norm_out"),
             ("mid.attn_1.", "mid_block.attentions.0.")]
    for i in range(n):
        for j in range(layers):
            pairs.append((f"encoder.down.{i}.block.{j}.", f"encoder.down_blocks.{i}.resnets.{j}."))
        if i < n - 1:
            pairs.append((f"down.{i}.downsample.", f"down_blocks.{i}.downsamplers.0."))
            pairs.append((f"up.{n - 1 - i}.upsample.", f"up_blocks.{i}.upsamplers.0."))
        for j in range(layers + 1):
            pairs.append((f"decoder.up.{n - 1 - i}.block.{j}.", f"decoder.up_blocks.{i}.resnets.{j}."))
    pairs += [(f"mid.block_{i + 1}.", f"mid_block.resnets.{i}.") for i in range(2)]
    for sd, hf in pairs:
        key = key.replace(hf, sd)
    if "attn_1." in key:
        for sd, hf in (("norm.", "group_norm."), ("q.", "to_q."), ("k.", "to_k."),
                       ("v.", "to_v."), ("proj_out.", "to_out.0.")):
            key = key.replace(hf, sd)
    return key
