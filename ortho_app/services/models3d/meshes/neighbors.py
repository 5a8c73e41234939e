"""Exact nearest-neighbour queries on a uniform grid, in numpy only (no scipy needed).

Points are sorted into cubic cells of about the point spacing (a dense CSR table: the points of
cell c are sorted[table[c]:table[c + 1]], and cells along z are adjacent, so a column of 2r+1
cells is one slice). A query scans the (2r+1)³ cells around its own; the nearest point found
is exact when it lies within r cells. Otherwise the query moves on to a wider ring, and past the
last one to a chunked brute-force search (points far from the target surface only).
"""

from __future__ import annotations

import numpy as np

from ortho_app.services.models3d.meshes._base import bounds_of

RINGS = (1, 2, 4, 8)
_PAD = RINGS[-1] + 1  # empty cells around the points' bounding box
_TARGET_OCCUPANCY = 1.5  # points per occupied cell
_MAX_CELLS = 1 << 23  # table size cap (32 MB of int32)
_CHUNK = 8_192  # queries per vectorised block (bounds the candidate-pair arrays)


class GridIndex:
    def __init__(self, points: np.ndarray) -> None:
        points = np.asarray(points, dtype=np.float64)
        if points.ndim != 2 or points.shape[1] != 3 or len(points) == 0:
            raise ValueError("GridIndex needs a non-empty (n, 3) point array")
        self.origin, high = bounds_of(points)
        extent = np.maximum(high - self.origin, 1e-9)
        cell = max(float(np.cbrt(np.prod(extent) / len(points))), float(extent.max()) / 1e6)
        occupied = len(np.unique(self._linear(self._cells(points, cell, extent), extent, cell)))
        # Scans are surfaces: the points per occupied cell grow with the cell's area.
        cell *= float(np.sqrt(_TARGET_OCCUPANCY * occupied / len(points)))
        cell = max(cell, float(extent.max()) / 1e6)
        while np.prod(self._shape(extent, cell), dtype=np.float64) > _MAX_CELLS:
            cell *= 1.25
        self.cell, self.shape = cell, self._shape(extent, cell)
        keys = self._linear(self._cells(points, cell, extent), extent, cell)
        order = np.argsort(keys, kind="stable")
        self.order = order
        sorted_points = points[order]
        self.xs, self.ys, self.zs = (np.ascontiguousarray(sorted_points[:, a]) for a in range(3))
        counts = np.bincount(keys, minlength=int(np.prod(self.shape)))
        self.table = np.r_[0, np.cumsum(counts)]
        self.points = points

    @staticmethod
    def _shape(extent: np.ndarray, cell: float) -> tuple[int, int, int]:
        return tuple(int(n) + 1 + 2 * _PAD for n in np.floor(extent / cell))

    def _cells(self, points: np.ndarray, cell: float, extent: np.ndarray | None = None
               ) -> np.ndarray:
        shape = np.array(self._shape(extent, cell) if extent is not None else self.shape)
        cells = np.floor((points - self.origin) / cell) + _PAD
        return np.clip(cells, -1, shape).astype(np.int64)

    def _linear(self, cells: np.ndarray, extent: np.ndarray, cell: float) -> np.ndarray:
        _, ny, nz = self._shape(extent, cell)
        return (cells[:, 0] * ny + cells[:, 1]) * nz + cells[:, 2]

    def query(self, queries: np.ndarray, *, exact: bool = True
              ) -> tuple[np.ndarray, np.ndarray]:
        """(distance, index) of the nearest point for each query.

        With exact=False only the first ring is searched: queries with no point within one
        cell get distance inf and index -1 (an outlier for ICP), and a found neighbour may not
        be the very nearest beyond one cell.
        """
        queries = np.ascontiguousarray(queries, dtype=np.float64).reshape(-1, 3)
        distance = np.full(len(queries), np.inf)
        index = np.full(len(queries), -1, dtype=np.int64)
        cells = self._cells(queries, self.cell)
        inside = ((cells >= _PAD) & (cells < np.array(self.shape) - _PAD)).all(axis=1)
        pending = np.flatnonzero(inside)
        for ring in RINGS if exact else RINGS[:1]:
            for start in range(0, len(pending), _CHUNK):
                block = pending[start:start + _CHUNK]
                distance[block], index[block] = self._ring_search(queries[block],
                                                                  cells[block], ring)
            if not exact:
                return distance, index
            pending = pending[~(distance[pending] <= ring * self.cell)]
            if len(pending) == 0:
                break
        rest = np.union1d(pending, np.flatnonzero(~inside))
        if len(rest):
            distance[rest], index[rest] = self._brute_force(queries[rest])
        return distance, index

    def _ring_search(self, queries: np.ndarray, cells: np.ndarray, ring: int
                     ) -> tuple[np.ndarray, np.ndarray]:
        _, ny, nz = self.shape
        span = np.arange(-ring, ring + 1)
        dx, dy = (a.reshape(-1) for a in np.meshgrid(span, span, indexing="ij"))
        columns = (dx * ny + dy) * nz  # one slice per (dx, dy): the cells z-ring … z+ring
        base = (cells[:, 0] * ny + cells[:, 1]) * nz + cells[:, 2]
        first = base[:, None] + columns[None, :]
        starts = self.table[first - ring].reshape(-1)
        counts = self.table[first + ring + 1].reshape(-1) - starts
        per_query = counts.reshape(len(queries), -1).sum(axis=1)
        position = _expand(starts, counts)
        owner = np.repeat(np.arange(len(queries)), per_query)
        d2 = ((self.xs[position] - queries[owner, 0]) ** 2
              + (self.ys[position] - queries[owner, 1]) ** 2
              + (self.zs[position] - queries[owner, 2]) ** 2)
        distance = np.full(len(queries), np.inf)
        index = np.full(len(queries), -1, dtype=np.int64)
        found = per_query > 0
        if not found.any():
            return distance, index
        group_start = np.r_[0, np.cumsum(per_query)[:-1]][found]
        best = np.full(len(queries), np.inf)
        best[found] = np.minimum.reduceat(d2, group_start)
        is_best = np.flatnonzero(d2 <= best[owner])
        keep = is_best[np.r_[True, owner[is_best][1:] != owner[is_best][:-1]]]
        index[owner[keep]] = self.order[position[keep]]
        distance[found] = np.sqrt(best[found])
        return distance, index

    def _brute_force(self, queries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        norms = (self.points**2).sum(axis=1)
        distance = np.empty(len(queries))
        index = np.empty(len(queries), dtype=np.int64)
        step = max(1, 4_000_000 // len(self.points))
        for start in range(0, len(queries), step):
            block = queries[start:start + step]
            nearest = (norms[None, :] - 2.0 * block @ self.points.T).argmin(axis=1)
            index[start:start + step] = nearest
            gap = ((self.points[nearest] - block) ** 2).sum(axis=1)
            distance[start:start + step] = np.sqrt(gap)
        return distance, index


def _expand(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Concatenation of range(start, start + count) for every pair, without a Python loop."""
    nonempty = counts > 0
    starts, counts = starts[nonempty], counts[nonempty]
    total = int(counts.sum())
    if total == 0:
        return np.empty(0, dtype=np.int64)
    steps = np.ones(total, dtype=np.int64)
    steps[0] = starts[0]
    group_first = np.cumsum(counts)[:-1]
    steps[group_first] = starts[1:] - (starts[:-1] + counts[:-1] - 1)
    return np.cumsum(steps)
