import type { HTMLAttributes, ReactNode } from 'react';

export interface Column<T> {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  className?: string;
}

type RowAttributes = HTMLAttributes<HTMLTableRowElement> & { [data: `data-${string}`]: string | boolean | undefined };

export interface TableProps<T> {
  /** Names the table for assistive technology (visually hidden). */
  caption: string;
  columns: Array<Column<T>>;
  rows: T[];
  rowKey: (row: T) => string;
  rowProps?: (row: T) => RowAttributes;
  empty?: ReactNode;
  'data-testid'?: string;
}

/** A data table; on phone widths each row becomes a stacked card (labels from the headers). */
export function Table<T>({ caption, columns, rows, rowKey, rowProps, empty, ...rest }: TableProps<T>) {
  if (rows.length === 0 && empty) return <div className="table-empty">{empty}</div>;
  return (
    <div className="table-wrap">
      <table className="table" data-testid={rest['data-testid']}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.className}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowProps?.(row)}>
              {columns.map((c) => (
                <td key={c.key} className={c.className} data-label={c.header}>
                  {c.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
