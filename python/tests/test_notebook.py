"""pmoe_sim.run's progress bar in a real Jupyter kernel (ipykernel, driven by
nbclient): one display line, updated in place to the final count, and no
terminal bar on stderr. Run by ctest (python.pmoe_sim)."""
import json

import nbclient
import nbformat

SPEC = {"name": "py_notebook", "seed": 3,
        "data": {"num_patches": 6, "train_size": 40, "test_size": 60,
                 "synthetic": {"patch_dim": 16, "num_confusers": 1}},
        "training": {"epochs": 2},
        "models": {"cnn": {"type": "cnn", "neurons": 8}},
        "grid": {"axes": {"N": [20, 40]}, "repeats": 2}}


def test_progress_bar_is_one_updated_display_in_a_notebook(tmp_path):
    source = "\n".join([
        "import json, pmoe_sim",
        f"spec = json.loads({json.dumps(json.dumps(SPEC))})",
        f"results = pmoe_sim.run(spec, out={str(tmp_path / 'res')!r}, "
        "threads=1, progress=True)",
        "print('rows', len(results.runs))",
    ])
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source)]
    nbclient.NotebookClient(
        notebook, timeout=300, kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = notebook.cells[0].outputs
    displays = [o for o in outputs if o.output_type == "display_data"]
    assert len(displays) == 1, outputs  # one line, updated in place
    assert "4/4 runs" in displays[0]["data"]["text/plain"], displays
    streams = [o for o in outputs if o.output_type == "stream"]
    assert all(o.name == "stdout" for o in streams), streams  # no stderr bar
    assert "rows 4" in "".join(o.text for o in streams), streams
