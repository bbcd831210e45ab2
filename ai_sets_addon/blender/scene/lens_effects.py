"""The lens's character in Blender's compositor (what Cycles cannot do itself).

Cycles renders a perfect pinhole: no falloff, no bloom, no dispersion, no grain. This
builds one compositor node group on the scene, in scene-linear before the view
transform, from a plain plan (`lens_plan`, numbers only):

    Render Layers -> falloff (2^-(ev r^2), scout.exposure.falloff_map's formula)
                  -> chromatic aberration (Lens Distortion, dispersion only, fitted)
                  -> bloom (Glare: Bloom over the highlights)
                  -> anamorphic streaks (Glare: Streaks, 2 horizontal, tinted)
                  -> grain (white noise * sigma * sqrt(0.18 Y), by ISO)  -> output

Thresholds and grain are in exposed units (1.0 = a white that AgX still holds), turned
into the render's scene-linear units with the exposure, so a bloom starts at the same
place in the picture whatever the light. Oval bokeh for anamorphics is physical:
Cycles' aperture ratio (blender/camera.py). `remove` takes it all away
(--no-lens-effects); the plan is what the manifest lists.
"""

from __future__ import annotations

import math

import bpy

from ...scout import cameras
from ...scout import exposure as ex

GROUP_NAME = "AI Sets lens"
BLOOM_THRESHOLD = 1.0          # exposed scene-linear: above diffuse white
STREAK_THRESHOLD = 4.0         # only practicals and speculars streak
GRAIN_SEED = 7.0               # the white noise's W: fixed, so a frame is reproducible


def lens_plan(settings: ex.Settings, body_key: str, family_key: str, squeeze: float,
              exposure_ev: float) -> dict:
    """The effects this camera and lens put on a frame, with their strengths."""
    fam = cameras.lens_family(family_key)
    plan = {
        "family": fam.key,
        "falloff_corner_ev": round(ex.corner_falloff_ev(fam.key, settings.t_stop), 3),
        "bloom": fam.bloom, "chromatic_aberration": fam.dispersion,
        "streaks": fam.streaks if squeeze > 1.0 else 0.0,
        "grain_sigma": round(ex.grain_sigma(settings.iso, body_key), 4),
        "anamorphic_bokeh_ratio": squeeze, "exposure_ev": exposure_ev,
        "flare_tint": list(fam.flare_tint),
    }
    plan["applied"] = [name for name, on in (
        ("falloff", plan["falloff_corner_ev"] > 0), ("chromatic_aberration", fam.dispersion > 0),
        ("bloom", fam.bloom > 0), ("anamorphic_streaks", plan["streaks"] > 0),
        ("grain", plan["grain_sigma"] > 0), ("anamorphic_bokeh", squeeze > 1.0))
        if on]
    return plan


def remove(scene: bpy.types.Scene) -> None:
    """No lens effects: the scene composites nothing (Cycles' own picture)."""
    group = bpy.data.node_groups.get(GROUP_NAME)
    if getattr(scene, "compositing_node_group", None) == group and group is not None:
        scene.compositing_node_group = None
    if group is not None and group.users == 0:
        bpy.data.node_groups.remove(group)


def apply(scene: bpy.types.Scene, plan: dict) -> bpy.types.NodeTree | None:
    """(Re)build the lens node group from `plan` and make it the scene's compositor;
    None (nothing touched) when the scene already composites with a group of its own, or
    on Blender 4.x, whose compositor is the scene's own node tree (the render block then
    lists no lens effect: the manifest says what was applied)."""
    if not hasattr(scene, "compositing_node_group"):
        return None      # Blender 4.x composites through scene.node_tree: not built there yet
    current = getattr(scene, "compositing_node_group", None)
    if current is not None and current.name != GROUP_NAME:
        return None
    group = bpy.data.node_groups.get(GROUP_NAME) or \
        bpy.data.node_groups.new(GROUP_NAME, "CompositorNodeTree")
    group.nodes.clear()
    if not group.interface.items_tree:
        group.interface.new_socket("Image", in_out="OUTPUT", socket_type="NodeSocketColor")
    _Graph(group, scene, plan).build()
    scene.compositing_node_group = group
    scene.render.use_compositing = True
    return group


class _Graph:
    def __init__(self, group, scene, plan: dict) -> None:
        self.group, self.nodes, self.links = group, group.nodes, group.links
        self.scene, self.plan = scene, plan
        self.scale = 2.0 ** -float(plan["exposure_ev"])     # exposed -> render units
        self.x = 0

    def node(self, kind: str, **inputs):
        n = self.nodes.new(kind)
        n.location = (self.x, 0)
        self.x += 200
        for name, value in inputs.items():
            n.inputs[name].default_value = value
        return n

    def link(self, a, b) -> None:
        self.links.new(a, b)

    def build(self) -> None:
        layers = self.node("CompositorNodeRLayers")
        layers.scene = self.scene
        image = layers.outputs["Image"]
        if self.plan["falloff_corner_ev"] > 0:
            image = self.falloff(image)
        if self.plan["chromatic_aberration"] > 0:
            lens = self.node("CompositorNodeLensdist", Dispersion=self.plan["chromatic_aberration"],
                             Fit=True)
            self.link(image, lens.inputs["Image"])
            image = lens.outputs["Image"]
        if self.plan["bloom"] > 0:
            image = self.glare(image, "Bloom", BLOOM_THRESHOLD, self.plan["bloom"])
        if self.plan["streaks"] > 0:
            image = self.glare(image, "Streaks", STREAK_THRESHOLD, self.plan["streaks"],
                               streaks=True)
        if self.plan["grain_sigma"] > 0:
            image = self.grain(image)
        out = self.node("NodeGroupOutput")
        self.link(image, out.inputs[0])

    def falloff(self, image):
        """gain = 2^-(ev r^2), r = distance from the centre over the half diagonal."""
        w, h = self.scene.render.resolution_x, self.scene.render.resolution_y
        aspect = (w * self.scene.render.pixel_aspect_x) / (h * self.scene.render.pixel_aspect_y)
        coords = self.node("CompositorNodeImageCoordinates")
        self.link(image, coords.inputs["Image"])
        centred = self.vmath("SUBTRACT", coords.outputs["Normalized"], (0.5, 0.5, 0.0))
        scaled = self.vmath("MULTIPLY", centred, (2.0 * aspect, 2.0, 0.0))
        r2 = self.node("ShaderNodeVectorMath")
        r2.operation = "DOT_PRODUCT"
        self.link(scaled, r2.inputs[0])
        self.link(scaled, r2.inputs[1])
        ev = self.math("MULTIPLY", r2.outputs["Value"],
                       -self.plan["falloff_corner_ev"] / (aspect * aspect + 1.0))
        gain = self.node("ShaderNodeMath")
        gain.operation = "POWER"
        gain.inputs[0].default_value = 2.0
        self.link(ev, gain.inputs[1])
        return self.mix("MULTIPLY", image, gain.outputs[0])

    def glare(self, image, kind: str, threshold: float, strength: float, streaks: bool = False):
        g = self.node("CompositorNodeGlare")
        g.inputs["Type"].default_value = kind
        g.inputs["Threshold"].default_value = threshold * self.scale
        g.inputs["Strength"].default_value = strength
        if streaks:
            g.inputs["Streaks"].default_value = 2
            g.inputs["Streaks Angle"].default_value = 0.0
            g.inputs["Fade"].default_value = 0.93
            g.inputs["Tint"].default_value = (*self.plan["flare_tint"], 1.0)
        self.link(image, g.inputs["Image"])
        return g.outputs["Image"]

    def grain(self, image):
        """Mono grain, sigma(Y) = s sqrt(0.18 Y) in exposed units (s at middle grey)."""
        coords = self.node("CompositorNodeImageCoordinates")
        self.link(image, coords.inputs["Image"])
        noise = self.node("ShaderNodeTexWhiteNoise")
        noise.noise_dimensions = "4D"
        noise.inputs["W"].default_value = GRAIN_SEED
        self.link(coords.outputs["Pixel"], noise.inputs["Vector"])
        centred = self.math("SUBTRACT", noise.outputs["Value"], 0.5)
        unit = self.math("MULTIPLY", centred, math.sqrt(12.0))       # unit variance
        grey = self.node("CompositorNodeRGBToBW")
        self.link(image, grey.inputs[0])
        level = self.math("MULTIPLY", grey.outputs[0], 0.18 / self.scale)
        level = self.math("MAXIMUM", level, 0.0)
        root = self.math("SQRT", level)
        amount = self.math("MULTIPLY", root, self.plan["grain_sigma"] * self.scale)
        grain = self.math("MULTIPLY", unit, amount)
        return self.mix("ADD", image, grain)

    def vmath(self, op: str, a, b):
        n = self.node("ShaderNodeVectorMath")
        n.operation = op
        self.link(a, n.inputs[0])
        n.inputs[1].default_value = b
        return n.outputs["Vector"]

    def math(self, op: str, a, b=None):
        n = self.node("ShaderNodeMath")
        n.operation = op
        self.link(a, n.inputs[0])
        if isinstance(b, bpy.types.NodeSocket):
            self.link(b, n.inputs[1])
        elif b is not None:
            n.inputs[1].default_value = b
        return n.outputs[0]

    def mix(self, blend: str, a, b):
        n = self.node("ShaderNodeMix")
        n.data_type = "RGBA"
        n.blend_type = blend
        n.inputs["Factor"].default_value = 1.0
        self.link(a, n.inputs[6])
        self.link(b, n.inputs[7])
        return n.outputs[2]
