namespace Tracehound.Ledger.Tests.Merkle;

public sealed class MerkleHashTests
{
    // RFC 6962 test tree: the eight leaves used by every Certificate Transparency implementation.
    internal static readonly byte[][] ClassicLeaves =
    [
        [],
        [0x00],
        [0x10],
        [0x20, 0x21],
        [0x30, 0x31],
        [0x40, 0x41, 0x42, 0x43],
        [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        Convert.FromHexString("606162636465666768696a6b6c6d6e6f"),
    ];

    // Roots of the first 1..8 classic leaves.
    internal static readonly string[] ClassicRoots =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    [Fact]
    public void Empty_tree_hash_is_sha256_of_the_empty_string()
    {
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", MerkleHash.EmptyTree.ToString());
        Assert.Equal(MerkleHash.EmptyTree, new MerkleTree().Head.RootHash);
        Assert.Equal(MerkleHash.EmptyTree, new CompactRange().ComputeRoot());
    }

    [Fact]
    public void Empty_leaf_hash_differs_from_the_empty_tree_hash()
    {
        Assert.Equal("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", MerkleHash.Leaf([]).ToString());
        Assert.NotEqual(MerkleHash.EmptyTree, MerkleHash.Leaf([]));
    }

    [Fact]
    public void Leaf_hash_is_sha256_of_zero_prefix_and_data()
    {
        Assert.Equal("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56", MerkleHash.Leaf("L123456"u8).ToString());
    }

    [Fact]
    public void One_leaf_tree_root_is_the_leaf_hash()
    {
        var tree = MerkleTree.FromLeafData([[0x00]]);
        Assert.Equal(MerkleHash.Leaf([0x00]), tree.Head.RootHash);
        Assert.Equal(new TreeSize(1), tree.Size);
    }

    [Fact]
    public void Classic_eight_leaf_tree_has_the_published_roots_at_every_size()
    {
        var tree = new MerkleTree();
        var range = new CompactRange();
        for (var i = 0; i < ClassicLeaves.Length; i++)
        {
            tree.AppendLeaf(ClassicLeaves[i]);
            range.Append(MerkleHash.Leaf(ClassicLeaves[i]));
            Assert.Equal(ClassicRoots[i], tree.Head.RootHash.ToString());
            Assert.Equal(ClassicRoots[i], range.ComputeRoot().ToString());
        }

        for (var size = 1; size <= 8; size++)
        {
            Assert.Equal(ClassicRoots[size - 1], tree.RootAt(new TreeSize((ulong)size)).ToString());
        }
    }

    [Fact]
    public void Node_hash_depends_on_child_order_and_is_not_a_leaf_hash_of_the_concatenation()
    {
        var left = MerkleHash.Leaf("Hello"u8);
        var right = MerkleHash.Leaf("World"u8);
        var node = MerkleHash.Node(left, right);
        Assert.NotEqual(node, MerkleHash.Node(right, left));
        Assert.NotEqual(node, MerkleHash.Leaf([.. left.ToArray(), .. right.ToArray()]));
    }

    [Fact]
    public void Compact_range_rebuilt_from_its_nodes_continues_to_the_same_root()
    {
        var range = new CompactRange();
        for (var i = 0; i < 5; i++)
        {
            range.Append(MerkleHash.Leaf(ClassicLeaves[i]));
        }

        var rebuilt = CompactRange.FromNodes(range.Size, range.Nodes);
        for (var i = 5; i < 8; i++)
        {
            rebuilt.Append(MerkleHash.Leaf(ClassicLeaves[i]));
        }

        Assert.Equal(ClassicRoots[7], rebuilt.ComputeRoot().ToString());
        Assert.Throws<ArgumentException>(() => CompactRange.FromNodes(new TreeSize(7), range.Nodes));
    }
}
