"""Exact nearest-neighbour queries between scans: scipy's k-d tree (cKDTree).

The tree's query time hardly depends on how far a query lies from the points, so poorly
aligned scans (queries millimetres off the target surface) cost what aligned ones cost.
`GridIndex` keeps the name and interface of the uniform grid it replaced.
"""

from __future__ import annotations

import numpy as np

APPROXIMATE_EPS = 1.0  # exact=False: a neighbour at most (1 + eps) times the nearest distance


class GridIndex:
    def __init__(self, points: np.ndarray) -> None:
        points = np.asarray(points, dtype=np.float64)
        if points.ndim != 2 or points.shape[1] != 3 or len(points) == 0:
            raise ValueError("GridIndex needs a non-empty (n, 3) point array")
        self.points = points
        from scipy.spatial import cKDTree  # imported at first use: it takes ~0.3 s to load

        # Scans are surfaces: a sliding-midpoint tree builds faster than a balanced one and
        # answers as fast.
        self._tree = cKDTree(points, balanced_tree=False, compact_nodes=False)

    def query(self, queries: np.ndarray, *, exact: bool = True
              ) -> tuple[np.ndarray, np.ndarray]:
        """(distance, index) of the nearest point for each query.

        With exact=False the neighbour found may be up to (1 + APPROXIMATE_EPS) times as far
        as the nearest one (a faster search, enough for a coarse alignment).
        """
        queries = np.ascontiguousarray(queries, dtype=np.float64).reshape(-1, 3)
        distance, index = self._tree.query(queries, eps=0.0 if exact else APPROXIMATE_EPS)
        return distance, index.astype(np.int64, copy=False)
