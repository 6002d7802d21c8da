"""ppm.py: a binary PPM image (what pdftoppm writes) for the tests' pixel
checks: ppm.Image(path).px(x, y) is an (r, g, b) tuple, .dark(x, y) true for
a pixel near black; .w and .h its size."""


class Image:
    def __init__(self, path):
        data = open(path, "rb").read()
        _, rest = data.split(b"\n", 1)  # "P6"
        dims, rest = rest.split(b"\n", 1)
        _, self.rgb = rest.split(b"\n", 1)  # "255"
        self.w, self.h = map(int, dims.split())

    def px(self, x, y):
        i = (y * self.w + x) * 3
        return tuple(self.rgb[i:i + 3])

    def dark(self, x, y):
        return sum(self.px(x, y)) < 200
