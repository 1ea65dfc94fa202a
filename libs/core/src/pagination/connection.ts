import { type Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Page<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/** `first` / `after` arguments of every list. Extend it for filters. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20, description: 'Page size, 1 to 100' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  first: number = 20;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string;
}

/** Builds the GraphQL `XConnection` and `XEdge` types for a node type. */
export function Connection<T>(node: Type<T>, name = node.name.replace(/Object$/, '')): Type<Page<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor: string;

    @Field(() => node)
    node: T;
  }

  @ObjectType(`${name}Connection`, { isAbstract: false })
  class ConnectionType {
    @Field(() => [EdgeType])
    edges: EdgeType[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;
  }
  return ConnectionType as Type<Page<T>>;
}

/**
 * An edge whose cursor is encoded only when read: a page that shows only `pageInfo.endCursor`
 * (the usual query) encodes one cursor instead of one per row.
 */
export class LazyEdge<T> implements Edge<T> {
  #cursor: string | undefined;
  readonly #encode: (node: T) => string;

  constructor(
    readonly node: T,
    encode: (node: T) => string,
  ) {
    this.#encode = encode;
  }

  get cursor(): string {
    return (this.#cursor ??= this.#encode(this.node));
  }
}

/** An edge of a mapped page: its own node, the cursor of the edge it was mapped from (read only when asked). */
class MappedEdge<T> implements Edge<T> {
  constructor(
    readonly node: T,
    private readonly source: Edge<unknown>,
  ) {}

  get cursor(): string {
    return this.source.cursor;
  }
}

/** Maps a page of rows to a page of GraphQL nodes (a lazy cursor stays lazy; one object per edge). */
export function mapPage<A, B>(page: Page<A>, map: (a: A) => B): Page<B> {
  const edges = new Array<Edge<B>>(page.edges.length);
  for (let i = 0; i < edges.length; i++) edges[i] = new MappedEdge(map(page.edges[i].node), page.edges[i]);
  return {
    pageInfo: page.pageInfo,
    edges,
  };
}
