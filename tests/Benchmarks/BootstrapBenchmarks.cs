using BenchmarkDotNet.Attributes;
using OmaDm.Notification.Bootstrap;
using OmaDm.Notification.Builders;
using OmaDm.Notification.Tests.Bootstrap;

namespace OmaDm.Notification.Benchmarks
{
    /// <summary>
    /// The bootstrap document decoder per document (the body after the MAC check): a CP and a DM-profile document
    /// accepted, a truncated one refused, and the CP encoder. Documents are the bootstrap test vectors.
    /// </summary>
    [MemoryDiagnoser]
    public class BootstrapBenchmarks
    {
        private readonly BootstrapAccount _account = new BootstrapAccount();
        private byte[] _cp;
        private byte[] _dm;
        private BootstrapAccount _full;

        /// <summary>Loads the documents.</summary>
        [GlobalSetup]
        public void Setup()
        {
            _cp = BootstrapVectors.EncodedCp;
            _dm = BootstrapVectors.EncodedDm;
            _full = new BootstrapAccount();
            BootstrapDocumentDecoder.Decode(_cp, 0, _cp.Length, BootstrapProfile.ClientProvisioning, _full);
        }

        /// <summary>The 249-byte CP document of every field accepted.</summary>
        [Benchmark]
        public ReasonCode DecodeCpAccepted() => BootstrapDocumentDecoder.Decode(_cp, 0, _cp.Length, BootstrapProfile.ClientProvisioning, _account);

        /// <summary>The 781-byte DM-profile document of every field accepted.</summary>
        [Benchmark]
        public ReasonCode DecodeDmAccepted() => BootstrapDocumentDecoder.Decode(_dm, 0, _dm.Length, BootstrapProfile.DmProfile, _account);

        /// <summary>The CP document missing its last byte, refused after reading it all.</summary>
        [Benchmark]
        public ReasonCode DecodeCpTruncatedRefused() => BootstrapDocumentDecoder.Decode(_cp, 0, _cp.Length - 1, BootstrapProfile.ClientProvisioning, _account);

        /// <summary>The same CP document encoded from its account (every field).</summary>
        [Benchmark]
        public byte[] EncodeCp() => BootstrapDocumentEncoder.EncodeClientProvisioning(_full);
    }
}
