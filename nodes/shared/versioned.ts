import type { INodeTypeBaseDescription, INodeTypeDescription } from 'n8n-workflow';

/** What stays the same across a node's versions: the entry file (`<Node>.node.ts`) gives it once. */
type IdentityKey = 'displayName' | 'name' | 'icon' | 'group' | 'description';

/** One version's own description (version, parameters, inputs and outputs...), without the node's identity. */
export type VersionDescription = Omit<INodeTypeDescription, IdentityKey>;

/** A version's full description: the node's identity from the entry file, then the version's own fields. */
export function describeVersion(
	baseDescription: INodeTypeBaseDescription,
	versionDescription: VersionDescription,
): INodeTypeDescription {
	return { ...baseDescription, ...versionDescription };
}
