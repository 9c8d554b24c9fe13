package io.marketbatch.jobs.launch;

/** Test access to the host name the node registry records. */
public final class NodeRegistryAccess {

	private NodeRegistryAccess() {
	}

	public static String host() {
		return NodeRegistry.thisHost();
	}

}
