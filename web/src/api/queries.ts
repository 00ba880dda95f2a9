import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import { api, type Query } from './client';
import type { Page } from './types';

/** A cursor-paged list (`{items, next_cursor}`) with "Load more". */
export function useCursorList<T>(queryKey: QueryKey, path: string, query: Query = {}) {
  const result = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => api.get<Page<T>>(path, { ...query, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const items = result.data?.pages.flatMap((p) => p.items) ?? [];
  return { ...result, items };
}
