import Fastify from 'fastify';
import mercurius from 'mercurius';

/**
 * The floor of the member page: a bare Fastify + Mercurius server answering the same query shape
 * (`members(first) { edges { node { … branch { … } } } pageInfo }`) with 50 members from memory.
 * No Nest, no database, no authentication. Run in its own process by the member-search bench
 * (`node bare-graphql-server.js <port>`); prints "bare graphql" once listening.
 */
const schema = `
  enum MemberStatus { ACTIVE LAPSED SUSPENDED WITHDRAWN }
  type Branch { id: ID! code: String! nameJa: String! nameEn: String! }
  type Member { id: ID! memberNumber: String! name: String! nameKana: String! status: MemberStatus! branch: Branch }
  type MemberEdge { cursor: String! node: Member! }
  type PageInfo { endCursor: String hasNextPage: Boolean! }
  type MemberConnection { edges: [MemberEdge!]! pageInfo: PageInfo! }
  enum MemberSort { MEMBER_NUMBER NAME_KANA JOINED_ON }
  input MemberFilter { name: String }
  type Query { members(first: Int! = 20, after: String, filter: MemberFilter, sort: MemberSort): MemberConnection! }
`;

const branches = Array.from({ length: 17 }, (_, i) => ({ id: `b${i}`, code: `B${String(i).padStart(2, '0')}`, nameJa: `支部${i}`, nameEn: `Branch ${i}` }));
const members = Array.from({ length: 50 }, (_, i) => ({
  id: `m${i}`,
  memberNumber: `P${String(i + 1).padStart(7, '0')}`,
  name: `山田 太郎${i}`,
  nameKana: `ヤマダ タロウ${i}`,
  status: 'ACTIVE',
  branchId: branches[i % branches.length].id,
}));
const byId = new Map(branches.map((b) => [b.id, b]));

const resolvers = {
  Query: {
    members: (_: unknown, args: { first: number }) => {
      const page = members.slice(0, args.first);
      return { edges: page.map((node) => ({ node, cursor: node.memberNumber })), pageInfo: { endCursor: page.at(-1)?.memberNumber ?? null, hasNextPage: true } };
    },
  },
  Member: { branch: (m: { branchId: string }) => byId.get(m.branchId) ?? null },
};

const port = Number(process.argv[2] ?? 3932);
const app = Fastify();
await app.register(mercurius, { schema, resolvers });
await app.listen({ port, host: '127.0.0.1' });
process.stdout.write(`bare graphql http://127.0.0.1:${port}/graphql\n`);
