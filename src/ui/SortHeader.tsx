import './sortHeader.css';

/** Which column a table is sorted by, and which way. */
export interface TableSort<K extends string> {
  key: K;
  descending: boolean;
}

export interface SortHeaderProps<K extends string> {
  column: K;
  label: string;
  sort: TableSort<K>;
  onSort: (sort: TableSort<K>) => void;
  /** The way a column sorts when first chosen (counts and dates: most first). */
  descendingFirst?: boolean;
}

/**
 * A column header that sorts its table: a button (keyboard operable) that chooses the column, or turns its order
 * around, with `aria-sort` telling assistive technology how the table is sorted.
 */
export function SortHeader<K extends string>({
  column,
  label,
  sort,
  onSort,
  descendingFirst = false,
}: SortHeaderProps<K>) {
  const active = sort.key === column;
  return (
    <th scope="col" aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}>
      <button
        type="button"
        className="sort-header"
        onClick={() => onSort({ key: column, descending: active ? !sort.descending : descendingFirst })}
      >
        {label}
      </button>
    </th>
  );
}
