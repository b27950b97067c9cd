import { makeStyles, tokens } from '@fluentui/react-components';
import { toMajor, type CompanyDetails } from '@hub/contracts';
import { formatMoneyCompact } from '../../shared/format-money';
import { formatDate } from '../../shared/format-time';
import { linearScale } from './chart-scale';

type Forecast = NonNullable<CompanyDetails['forecast']>;

const W = 680;
const H = 240;
const PAD = { left: 64, right: 12, top: 12, bottom: 36 };

const useStyles = makeStyles({
  svg: { width: '100%', height: 'auto', display: 'block', fontFamily: tokens.fontFamilyBase },
  legend: { display: 'flex', gap: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  swatch: { display: 'inline-block', width: '12px', height: '12px', marginRight: tokens.spacingHorizontalXS, verticalAlign: 'middle', borderRadius: '2px' },
});

/** 13 weekly bars of net cash flow with the closing balance as a line; the table beside it carries the figures. */
export function ForecastChart({ forecast, locale }: { forecast: Forecast; locale: string }) {
  const styles = useStyles();
  const weeks = forecast.weeks;
  const nets = weeks.map((w) => toMajor(w.net));
  const closings = weeks.map((w) => toMajor(w.closing));
  const scale = linearScale([...nets, ...closings], PAD.top, H - PAD.bottom);
  const band = (W - PAD.left - PAD.right) / Math.max(1, weeks.length);
  const x = (i: number) => PAD.left + band * i + band / 2;
  const zero = scale.y(0);
  const line = closings.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${scale.y(v).toFixed(1)}`).join(' ');
  const lowest = closings.length ? Math.min(...closings) : 0;
  const summary =
    `Forecast over ${weeks.length} weeks in ${forecast.currency}: closing balance from ${formatMoneyCompact(closings[0] ?? 0, forecast.currency, locale)} ` +
    `to ${formatMoneyCompact(closings.at(-1) ?? 0, forecast.currency, locale)}, lowest ${formatMoneyCompact(lowest, forecast.currency, locale)}.`;

  return (
    <figure style={{ margin: 0 }}>
      <svg className={styles.svg} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary}>
        {scale.ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={scale.y(t)} y2={scale.y(t)} stroke={tokens.colorNeutralStroke2} strokeWidth={t === 0 ? 1.5 : 1} />
            <text x={PAD.left - 6} y={scale.y(t) + 4} textAnchor="end" fontSize="11" fill={tokens.colorNeutralForeground3}>
              {formatMoneyCompact(t, forecast.currency, locale)}
            </text>
          </g>
        ))}
        {nets.map((v, i) => {
          const y = scale.y(v);
          return (
            <rect
              key={i}
              x={x(i) - band * 0.32}
              width={band * 0.64}
              y={Math.min(y, zero)}
              height={Math.max(1, Math.abs(zero - y))}
              fill={v >= 0 ? tokens.colorPaletteGreenBackground3 : tokens.colorPaletteRedBackground3}
              rx={2}
            />
          );
        })}
        <path d={line} fill="none" stroke={tokens.colorBrandForeground1} strokeWidth={2.5} />
        {closings.map((v, i) => (
          <circle key={i} cx={x(i)} cy={scale.y(v)} r={3} fill={tokens.colorBrandForeground1} />
        ))}
        {weeks.map((w, i) =>
          i % 2 === 0 ? (
            <text key={w.weekStart} x={x(i)} y={H - PAD.bottom + 16} textAnchor="middle" fontSize="11" fill={tokens.colorNeutralForeground3}>
              {formatDate(w.weekStart, locale).replace(/,? \d{4}$/, '')}
            </text>
          ) : null,
        )}
      </svg>
      <figcaption className={styles.legend}>
        <span>
          <span className={styles.swatch} style={{ background: tokens.colorPaletteGreenBackground3 }} />
          Net inflow
        </span>
        <span>
          <span className={styles.swatch} style={{ background: tokens.colorPaletteRedBackground3 }} />
          Net outflow
        </span>
        <span>
          <span className={styles.swatch} style={{ background: tokens.colorBrandForeground1 }} />
          Closing balance
        </span>
      </figcaption>
    </figure>
  );
}
