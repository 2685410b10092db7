"""Atomic writes and the JSON of notebooks, shared by release and grading."""
import json
import os
import tempfile


def write_atomically(path, text):
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".part-", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def notebook_json(nb):
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def read_notebook(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def notebooks_in(directory):
    """The .ipynb files directly in a folder, sorted by name."""
    return sorted(os.path.join(directory, n) for n in os.listdir(directory)
                  if n.endswith(".ipynb") and not n.startswith(".") and os.path.isfile(os.path.join(directory, n)))
