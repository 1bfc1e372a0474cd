import { geoConicEqualArea, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import type { StateCode } from '../consensus/codes';

/** ISO 3166-1 numeric codes, as world-atlas identifies countries. */
const STATE_IDS: Record<StateCode, string> = { KZ: '398', KG: '417', TJ: '762', TM: '795', UZ: '860' };
/** Neighbours drawn in grey for context. */
const NEIGHBOUR_IDS = ['643', '156', '004', '364', '586', '496', '031', '268', '051', '356'];

export interface CentralAsiaMap {
  width: number;
  height: number;
  states: { code: StateCode; d: string; labelAt: [number, number] }[];
  neighbours: string[];
  /** The Caspian and the Aral are the gaps between the shapes; the sea is the background. */
}

let cached: CentralAsiaMap | null = null;

/**
 * Central Asia from real geography (Natural Earth 1:110m via world-atlas), projected once on the
 * server with d3-geo: the browser receives plain SVG paths and no map code.
 */
export function centralAsiaMap(): CentralAsiaMap {
  if (cached) return cached;
  const topology = world as unknown as Topology<{ countries: GeometryCollection }>;
  const countries = feature(topology, topology.objects.countries).features;
  const byId = new Map(countries.map((c) => [String(c.id), c]));
  const width = 640;
  const height = 400;
  const five = { type: 'FeatureCollection' as const, features: Object.values(STATE_IDS).map((id) => byId.get(id)!) };
  const projection = geoConicEqualArea()
    .parallels([40, 50])
    .rotate([-65, 0])
    .fitExtent(
      [
        [8, 8],
        [width - 8, height - 8],
      ],
      five,
    )
    .clipExtent([
      [0, 0],
      [width, height],
    ]);
  const path = geoPath(projection).digits(0);
  cached = {
    width,
    height,
    states: (Object.entries(STATE_IDS) as [StateCode, string][]).map(([code, id]) => {
      const shape = byId.get(id)! as GeoPermissibleObjects;
      const [x, y] = path.centroid(shape);
      return { code, d: path(shape) ?? '', labelAt: [Math.round(x), Math.round(y)] };
    }),
    neighbours: NEIGHBOUR_IDS.map((id) => byId.get(id))
      .filter(Boolean)
      .map((c) => path(c as GeoPermissibleObjects) ?? ''),
  };
  return cached;
}
