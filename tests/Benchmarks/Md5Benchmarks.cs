using System;
using BenchmarkDotNet.Attributes;
using OmaDm.Notification.Cryptography;

namespace OmaDm.Notification.Benchmarks
{
    /// <summary>The device MD5 (RFC 1321, managed, incremental) against the platform's (native) at 64 B, 1 KiB and 1 MiB.</summary>
    [MemoryDiagnoser]
    public class Md5Benchmarks
    {
        private readonly byte[] _output = new byte[Md5.HashLength];
        private byte[] _data;

        /// <summary>Input size in bytes.</summary>
        [Params(64, 1024, 1024 * 1024)]
        public int Size { get; set; }

        /// <summary>Fills the input with fixed random bytes.</summary>
        [GlobalSetup]
        public void Setup()
        {
            _data = new byte[Size];
            new Random(1321).NextBytes(_data);
        }

        /// <summary>System.Security.Cryptography.MD5 one-shot, no allocation.</summary>
        [Benchmark(Baseline = true)]
        public int Platform() => System.Security.Cryptography.MD5.HashData(_data, _output);

        /// <summary>OmaDm.Notification.Cryptography.Md5 one-shot.</summary>
        [Benchmark]
        public byte Ours()
        {
            Md5.Hash(_data, 0, _data.Length, _output, 0);
            return _output[0];
        }
    }
}
