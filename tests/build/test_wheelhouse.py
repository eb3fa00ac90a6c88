"""The offline install: ``pip install --no-index --find-links wheelhouse -e .`` in a fresh venv.

Skipped, with the reason shown, where ``make wheelhouse`` has not been run:
making the wheelhouse downloads every wheel from PyPI, which a clean CI
checkout should not do on every run; on a machine that has one (the
maintainer's, before copying the project to an offline build machine) this
test proves the copy will install with no network.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import ROOT

WHEELHOUSE = ROOT / "wheelhouse"

pytestmark = pytest.mark.skipif(
    not WHEELHOUSE.is_dir(),
    reason="wheelhouse/ 不存在：先运行 make wheelhouse（需要联网）才能测试离线安装")


def test_a_fresh_venv_installs_from_the_wheelhouse_alone(tmp_path: Path):
    """No index, no pip configuration, no cache: only wheelhouse/ may supply packages."""
    target = tmp_path / "venv"
    venv.create(target, with_pip=True)
    python = target / ("Scripts" if sys.platform == "win32" else "bin") / "python"
    env = {key: value for key, value in os.environ.items() if not key.startswith("PIP_")}
    env |= {"PIP_CONFIG_FILE": os.devnull, "PIP_NO_CACHE_DIR": "1",
            "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-index", "--find-links",
         str(WHEELHOUSE), "--constraint", str(WHEELHOUSE / "constraints.txt"), "-e", str(ROOT)],
        capture_output=True, text=True, env=env, timeout=900, check=False)
    assert install.returncode == 0, install.stderr
    check = subprocess.run([str(python), "-m", "macros.cli", "check"], cwd=ROOT,
                           capture_output=True, text=True, env=env, timeout=300, check=False)
    assert check.returncode == 0, check.stdout
    assert "检查通过" in check.stdout
    imports = subprocess.run([str(python), "-c", "import mkdocs, material, docx, openpyxl, jieba"],
                             capture_output=True, text=True, env=env, timeout=120, check=False)
    assert imports.returncode == 0, imports.stderr
