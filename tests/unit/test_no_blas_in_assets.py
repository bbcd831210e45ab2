"""Asset code never uses BLAS products (`@`, np.dot, np.matmul...): their summation
order follows the thread count and the CPU kernel, so texture and sky bytes would
depend on the machine (see test_determinism_threads.py). Use
materials.noise.apply_matrix or sky.spectrum.fixed_matmul instead."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GENERATION = Path(__file__).resolve().parents[2] / "ai_sets_addon" / "generation"
BLAS_CALLS = {"dot", "matmul", "inner", "vdot", "tensordot", "einsum_path"}


@pytest.mark.parametrize("package", ["materials", "sky"])
def test_no_blas_products(package):
    found = []
    for path in sorted((GENERATION / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
                found.append(f"{path.name}:{node.lineno} @")
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in BLAS_CALLS:
                found.append(f"{path.name}:{node.lineno} .{node.func.attr}()")
    assert found == []
