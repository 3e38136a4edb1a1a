/*
 * Facility icons drawn on a canvas when the layer is added: a disc in the category's colour with a
 * white pictogram, so that the offline default map needs no sprite sheet. A category without a
 * pictogram shows the initial of its name. Pictograms are drawn in a 24 × 24 box.
 */

type Pictogram = (ctx: CanvasRenderingContext2D) => void;

const poly = (ctx: CanvasRenderingContext2D, points: number[]) => {
  ctx.beginPath();
  for (let i = 0; i < points.length; i += 2) ctx[i ? 'lineTo' : 'moveTo'](points[i]!, points[i + 1]!);
  ctx.closePath();
  ctx.fill();
};
const disc = (ctx: CanvasRenderingContext2D, x: number, y: number, r: number) => {
  ctx.beginPath();
  ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.fill();
};
const dome = (ctx: CanvasRenderingContext2D, x: number, y: number, r: number) => {
  ctx.beginPath();
  ctx.arc(x, y, r, Math.PI, 0);
  ctx.closePath();
  ctx.fill();
};

const PICTOGRAMS: Record<string, Pictogram> = {
  school: (ctx) => {
    poly(ctx, [4, 10, 12, 6, 20, 10, 12, 14]);
    poly(ctx, [8, 12, 16, 12, 16, 16, 12, 17.5, 8, 16]);
    ctx.fillRect(18.6, 10, 1.2, 5);
  },
  health_centre: (ctx) => {
    ctx.fillRect(10, 6, 4, 12);
    ctx.fillRect(6, 10, 12, 4);
  },
  hospital: (ctx) => {
    ctx.fillRect(7, 6, 3, 12);
    ctx.fillRect(14, 6, 3, 12);
    ctx.fillRect(10, 10.5, 4, 3);
  },
  park: (ctx) => {
    disc(ctx, 12, 10, 5.5);
    ctx.fillRect(11, 14, 2, 5);
  },
  mosque: (ctx) => {
    dome(ctx, 11, 13, 4.5);
    ctx.fillRect(6.5, 13, 9, 5);
    ctx.fillRect(17, 7, 2, 11);
    poly(ctx, [17, 7, 18, 4, 19, 7]);
  },
  library: (ctx) => {
    poly(ctx, [5, 7.5, 11.3, 9, 11.3, 18, 5, 16.5]);
    poly(ctx, [12.7, 9, 19, 7.5, 19, 16.5, 12.7, 18]);
  },
  sports: (ctx) => {
    ctx.lineWidth = 1.8;
    ctx.beginPath();
    ctx.arc(12, 12, 6, 0, 2 * Math.PI);
    ctx.moveTo(6, 12);
    ctx.lineTo(18, 12);
    ctx.moveTo(12, 6);
    ctx.quadraticCurveTo(7.5, 12, 12, 18);
    ctx.moveTo(12, 6);
    ctx.quadraticCurveTo(16.5, 12, 12, 18);
    ctx.stroke();
  },
  culture: (ctx) => {
    const points: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = i % 2 ? 3 : 7;
      const a = -Math.PI / 2 + (i * Math.PI) / 5;
      points.push(12 + r * Math.cos(a), 12.5 + r * Math.sin(a));
    }
    poly(ctx, points);
  },
  social_services: (ctx) => {
    ctx.beginPath();
    ctx.moveTo(12, 18);
    ctx.bezierCurveTo(3, 12, 6, 5, 12, 9);
    ctx.bezierCurveTo(18, 5, 21, 12, 12, 18);
    ctx.fill();
  },
  wifi_point: (ctx) => {
    ctx.lineWidth = 1.8;
    for (const r of [4, 7.5]) {
      ctx.beginPath();
      ctx.arc(12, 17, r, -0.75 * Math.PI, -0.25 * Math.PI);
      ctx.stroke();
    }
    disc(ctx, 12, 17, 1.6);
  },
  security_camera: (ctx) => {
    poly(ctx, [5, 8, 15.5, 8, 15.5, 13, 5, 13]);
    poly(ctx, [15.5, 9.5, 19, 7.5, 19, 13.5, 15.5, 11.5]);
    ctx.fillRect(8, 13, 2, 5);
  },
  digital_screen: (ctx) => {
    ctx.lineWidth = 2;
    ctx.strokeRect(5, 6, 14, 10);
    ctx.fillRect(11, 16, 2, 2.5);
    ctx.fillRect(8, 18.5, 8, 1.5);
  },
  assembly_area: (ctx) => {
    for (const [x, y, r] of [[7, 10, 1.8], [12, 8.5, 2.1], [17, 10, 1.8]] as const) {
      disc(ctx, x, y, r);
      dome(ctx, x, y + 7, r * 1.6);
    }
  },
  market_place: (ctx) => {
    poly(ctx, [5, 10, 19, 10, 17, 18, 7, 18]);
    ctx.lineWidth = 1.8;
    ctx.beginPath();
    ctx.arc(12, 10, 4, Math.PI, 0);
    ctx.stroke();
  },
};

/** The style image name of a category's icon. */
export const facilityIconName = (category: string): string => `facility-${category}`;

/**
 * A category's icon, 24 CSS pixels across at `pixelRatio` device pixels each: a disc in `colour`
 * with a white rim (which keeps it apart from any choropleth class) and the white pictogram.
 */
export function drawFacilityIcon(category: string, colour: string, label: string, pixelRatio = 2): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 24 * pixelRatio;
  const ctx = canvas.getContext('2d')!;
  ctx.scale(pixelRatio, pixelRatio);
  ctx.fillStyle = '#ffffff';
  disc(ctx, 12, 12, 12);
  ctx.fillStyle = colour;
  disc(ctx, 12, 12, 10.5);
  ctx.fillStyle = ctx.strokeStyle = '#ffffff';
  const pictogram = PICTOGRAMS[category];
  if (pictogram) pictogram(ctx);
  else {
    ctx.font = 'bold 12px sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(label.charAt(0).toLocaleUpperCase('tr'), 12, 12.5);
  }
  return canvas;
}

const legendIcons = new Map<string, string>();

/** The icon as a data URL for the legend (drawn once per category and colour). */
export function facilityIconUrl(category: string, colour: string, label: string): string {
  const key = `${category}|${colour}|${label}`;
  let url = legendIcons.get(key);
  if (!url) {
    url = drawFacilityIcon(category, colour, label).toDataURL('image/png');
    legendIcons.set(key, url);
  }
  return url;
}
