"""Decode TopoJSON (https://github.com/topojson/topojson-specification) into GeoJSON features.

A topology stores each shared border once, as an *arc* (a list of positions); geometries refer
to arcs by index, and a negative index ~i (that is -i - 1) means arc i walked backwards. A
quantised topology has a `transform`: arc positions are then integers, each one a delta from
the previous position in its arc, and real coordinates are `position * scale + translate`.
"""

from typing import Any

from apps.places.geometry import GeometryError

Position = list[float]


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class _Decoder:
    def __init__(self, topology: dict[str, Any]) -> None:
        transform = topology.get("transform")
        self.scale: tuple[float, float] | None = None
        self.translate: tuple[float, float] = (0.0, 0.0)
        if transform is not None:
            try:
                sx, sy = transform["scale"]
                tx, ty = transform["translate"]
            except (TypeError, KeyError, ValueError) as exc:
                raise GeometryError(
                    "the topology's transform needs a scale [x, y] and a translate [x, y]"
                ) from exc
            if not all(_number(v) for v in (sx, sy, tx, ty)):
                raise GeometryError("the topology's transform must hold numbers")
            self.scale, self.translate = (sx, sy), (tx, ty)
        arcs = topology.get("arcs")
        if not isinstance(arcs, list):
            raise GeometryError('the topology has no "arcs" list')
        self.raw_arcs = arcs
        self.arcs: dict[int, list[Position]] = {}

    def point(self, position: Any) -> Position:
        """One position outside arcs (Point, MultiPoint): quantised but not delta-encoded."""
        if not isinstance(position, list) or len(position) < 2 or not all(_number(v) for v in position[:2]):
            raise GeometryError(f"a position must be [x, y], not {position!r:.60}")
        x, y = position[0], position[1]
        if self.scale:
            return [x * self.scale[0] + self.translate[0], y * self.scale[1] + self.translate[1]]
        return [float(x), float(y)]

    def arc(self, index: Any) -> list[Position]:
        """Arc `index` in real coordinates, reversed for a negative index."""
        if not isinstance(index, int) or isinstance(index, bool):
            raise GeometryError(f"an arc reference must be an integer, not {index!r:.60}")
        real = ~index if index < 0 else index
        if real >= len(self.raw_arcs):
            raise GeometryError(f"arc {index} does not exist (the topology has {len(self.raw_arcs)} arcs)")
        if real not in self.arcs:
            self.arcs[real] = self._decode_arc(real)
        positions = self.arcs[real]
        return positions[::-1] if index < 0 else positions

    def _decode_arc(self, real: int) -> list[Position]:
        raw = self.raw_arcs[real]
        if not isinstance(raw, list) or not raw:
            raise GeometryError(f"arc {real} is not a list of positions")
        out: list[Position] = []
        x = y = 0.0
        for position in raw:
            if (
                not isinstance(position, list)
                or len(position) < 2
                or not all(_number(v) for v in position[:2])
            ):
                raise GeometryError(f"arc {real} has a position that is not [x, y]: {position!r:.60}")
            if self.scale:
                x += position[0]
                y += position[1]
                out.append([x * self.scale[0] + self.translate[0], y * self.scale[1] + self.translate[1]])
            else:
                out.append([float(position[0]), float(position[1])])
        return out

    def line(self, indexes: Any) -> list[Position]:
        """Arcs joined end to end: each arc starts where the previous one ended."""
        if not isinstance(indexes, list) or not indexes:
            raise GeometryError("a line or ring must be a non-empty list of arc indexes")
        positions: list[Position] = []
        for index in indexes:
            arc = self.arc(index)
            positions.extend(arc[1:] if positions else arc)
        return positions

    def ring(self, indexes: Any) -> list[Position]:
        positions = self.line(indexes)
        if positions and positions[0] != positions[-1]:
            positions.append(list(positions[0]))  # tolerate rings that are not closed
        return positions

    def polygon(self, rings: Any) -> list[list[Position]]:
        if not isinstance(rings, list):
            raise GeometryError("a Polygon's arcs must be a list of rings")
        return [self.ring(r) for r in rings]

    def geometry(self, obj: Any) -> dict[str, Any] | None:
        if not isinstance(obj, dict):
            raise GeometryError("a geometry must be an object")
        kind = obj.get("type")
        if kind is None:
            return None
        arcs = obj.get("arcs")
        coordinates = obj.get("coordinates")
        if kind == "Point":
            return {"type": kind, "coordinates": self.point(coordinates)}
        if kind == "MultiPoint":
            if not isinstance(coordinates, list):
                raise GeometryError("a MultiPoint needs a list of coordinates")
            return {"type": kind, "coordinates": [self.point(p) for p in coordinates]}
        if kind == "LineString":
            return {"type": kind, "coordinates": self.line(arcs)}
        if kind == "MultiLineString":
            if not isinstance(arcs, list):
                raise GeometryError("a MultiLineString's arcs must be a list of lines")
            return {"type": kind, "coordinates": [self.line(a) for a in arcs]}
        if kind == "Polygon":
            return {"type": kind, "coordinates": self.polygon(arcs)}
        if kind == "MultiPolygon":
            if not isinstance(arcs, list):
                raise GeometryError("a MultiPolygon's arcs must be a list of polygons")
            return {"type": kind, "coordinates": [self.polygon(p) for p in arcs]}
        if kind == "GeometryCollection":
            members = obj.get("geometries")
            if not isinstance(members, list):
                raise GeometryError('a GeometryCollection needs a "geometries" list')
            return {
                "type": kind,
                "geometries": [g for g in (self.geometry(m) for m in members) if g is not None],
            }
        raise GeometryError(f"unknown geometry type {kind!r:.40}")

    def feature(self, obj: Any) -> dict[str, Any]:
        if not isinstance(obj, dict):
            raise GeometryError("a geometry must be an object")
        feature: dict[str, Any] = {"type": "Feature"}
        if "id" in obj:
            feature["id"] = obj["id"]
        properties = obj.get("properties")
        feature["properties"] = dict(properties) if isinstance(properties, dict) else {}
        feature["geometry"] = self.geometry(obj)
        return feature


def decode(topology: dict[str, Any], object_name: str | None = None) -> list[dict[str, Any]]:
    """The GeoJSON Feature dicts of one object of a TopoJSON topology.

    A GeometryCollection object gives one feature per member geometry; any other object gives
    one feature. Properties and ids are kept. Without `object_name` the topology must hold
    exactly one object. Raises GeometryError on malformed input, saying where.
    """
    if not isinstance(topology, dict) or topology.get("type") != "Topology":
        raise GeometryError('not a TopoJSON topology (its "type" must be "Topology")')
    objects = topology.get("objects")
    if not isinstance(objects, dict) or not objects:
        raise GeometryError('the topology has no "objects"')
    if object_name is None:
        if len(objects) > 1:
            raise GeometryError(f"the topology has several objects ({', '.join(objects)}); name one")
        object_name = next(iter(objects))
    if object_name not in objects:
        raise GeometryError(f"the topology has no object {object_name!r} (it has {', '.join(objects)})")
    decoder = _Decoder(topology)
    obj = objects[object_name]
    if not isinstance(obj, dict):
        raise GeometryError(f"object {object_name!r} is not a geometry")
    members = [obj]
    if obj.get("type") == "GeometryCollection":
        members = obj.get("geometries")  # type: ignore[assignment]
        if not isinstance(members, list):
            raise GeometryError(f'object {object_name!r} is a GeometryCollection without "geometries"')
    features = []
    for index, member in enumerate(members):
        try:
            features.append(decoder.feature(member))
        except GeometryError as exc:
            raise GeometryError(f"geometry {index} of object {object_name!r}: {exc}") from exc
        except (TypeError, AttributeError) as exc:
            raise GeometryError(f"geometry {index} of object {object_name!r} is malformed") from exc
    return features
