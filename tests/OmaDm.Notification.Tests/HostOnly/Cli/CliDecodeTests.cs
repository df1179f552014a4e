using System;
using System.IO;
using nanoFramework.TestFramework;

namespace OmaDm.Notification.Tests.HostOnly.Cli
{
    [TestClass]
    public class CliDecodeTests
    {
        // Every WSP encoding form send can produce (the forms real senders use), each decoded and authenticated again by decode.
        private static readonly string[][] WspVariants = new string[][]
        {
            new string[0],
            new[] { "--content-type", "text" },
            new[] { "--content-type", "general-text" },
            new[] { "--content-type", "general-short" },
            new[] { "--content-type", "short-length" },
            new[] { "--content-type", "charset" },
            new[] { "--app-id", "long" },
            new[] { "--app-id", "text" },
            new[] { "--app-id", "none" },
            new[] { "--app-id-name-text" },
            new[] { "--push-flag" },
            new[] { "--confirmed" },
            new[] { "--non-minimal-length" },
            new[] { "--tid", "200", "--push-flag", "--app-id", "long", "--content-type", "charset" },
        };

        private static readonly string[] Trigger = new[]
        {
            "--server-id", "com.mgmtsrv.manage", "--password", "secret", "--nonce", "bm9uY2UtMQ==", "--session", "1234",
            "--ui-mode", "background", "--initiator", "client", "--vendor", "CAFE",
        };

        private const string ExpectedFields = "\"verdict\":\"accepted\",\"reason\":\"none\",\"sessionId\":\"1234\",\"serverId\":\"com.mgmtsrv.manage\",\"version\":11,\"uiMode\":\"background\",\"initiator\":\"client\",\"nonce\":\"stored\",\"vendor\":\"CAFE\"";

        [TestMethod]
        public void Decode_EveryWspVariantOfSend_AcceptedWithSameFields()
        {
            string accounts = CliRunner.WriteAccounts(CliRunner.AccountsJson);
            try
            {
                foreach (string[] variant in WspVariants)
                {
                    string hex = CliRunner.RunOk(Concat(new[] { "send", "--wsp" }, Trigger, variant)).Trim();
                    string json = CliRunner.RunOk("decode", hex, "--accounts", accounts, "--json").Trim();
                    Assert.IsTrue(json.Contains(ExpectedFields), string.Join(" ", variant) + ": " + json);
                    Assert.IsTrue(json.Contains("\"layer\":\"wsp\""), json);
                    Assert.IsTrue(json.Contains("\"layer\":\"pkg0\""), json);
                }
            }
            finally
            {
                File.Delete(accounts);
            }
        }

        [TestMethod]
        public void Decode_RawPackage0_AcceptedAsPkg0()
        {
            string accounts = CliRunner.WriteAccounts(CliRunner.AccountsJson);
            try
            {
                string hex = CliRunner.RunOk(Concat(new[] { "send", "--raw" }, Trigger)).Trim();
                string json = CliRunner.RunOk("decode", hex, "--as", "pkg0", "--accounts", accounts, "--json").Trim();
                Assert.IsTrue(json.Contains(ExpectedFields), json);
            }
            finally
            {
                File.Delete(accounts);
            }
        }

        [TestMethod]
        public void Decode_ZeroBytesResyncSignature_AcceptedWithZeroBytesNonce()
        {
            string accounts = CliRunner.WriteAccounts(CliRunner.AccountsJson);
            try
            {
                string hex = CliRunner.RunOk(Concat(new[] { "send", "--wsp", "--digest-nonce", "AAAAAA==" }, Trigger)).Trim();
                string json = CliRunner.RunOk("decode", hex, "--accounts", accounts, "--json").Trim();
                Assert.IsTrue(json.Contains("\"verdict\":\"accepted\""), json);
                Assert.IsTrue(json.Contains("\"nonce\":\"zero-bytes\""), json);
            }
            finally
            {
                File.Delete(accounts);
            }
        }

        [TestMethod]
        public void Decode_ForgedDigest_RejectedDigestMismatchExit1()
        {
            string accounts = CliRunner.WriteAccounts(CliRunner.AccountsJson);
            try
            {
                string hex = CliRunner.RunOk(Concat(new[] { "send", "--wsp", "--forge-digest", "00112233445566778899AABBCCDDEEFF" }, Trigger)).Trim();
                int code = CliRunner.Run(out string output, out string error, "decode", hex, "--accounts", accounts, "--json");
                Assert.AreEqual(1, code, error);
                Assert.IsTrue(output.Contains("\"verdict\":\"rejected\",\"reason\":\"digest-mismatch\""), output);
            }
            finally
            {
                File.Delete(accounts);
            }
        }

        [TestMethod]
        public void Decode_SevenBitTextSmsAuto_DecodedAsSmsUnsupportedCoding()
        {
            // SmsVectors.TextHi: SMS-DELIVER from +15555550100, GSM 7-bit "hi" (3GPP TS 23.040 9.2.2.1, 23.038 6.2.1).
            const string TextHi = "00" + "04" + "0B915155550501F0" + "00" + "00" + "62011021436580" + "02" + "E834";
            int code = CliRunner.Run(out string output, out string error, "decode", TextHi, "--json");
            Assert.AreEqual(1, code, error);
            Assert.IsTrue(output.Contains("\"layer\":\"sms\""), output);
            Assert.IsFalse(output.Contains("\"layer\":\"pkg0\""), output);
            Assert.IsTrue(output.Contains("unsupported-coding"), output);
        }

        [TestMethod]
        public void Decode_SmsConflictingFirstPartThenGenuineParts_AcceptedAsTheReceiverDoes()
        {
            string[] parts = CliRunner.RunOk("send", "--server-id", "srv", "--password", "pw", "--nonce", "bm9uY2U=", "--session", "0C01",
                "--vendor", new string('A', 500), "--sms", "--reference", "7").Trim().Split('\n');
            Assert.AreEqual(3, parts.Length);
            // A competing first part: same sender, reference and part number, its last octet changed.
            string genuine = parts[0].Trim();
            string conflicting = genuine.Substring(0, genuine.Length - 2) + (genuine.EndsWith("00", StringComparison.Ordinal) ? "01" : "00");
            string accounts = CliRunner.WriteAccounts("{\"accounts\":[{\"serverId\":\"srv\",\"password\":\"pw\",\"nonce\":\"bm9uY2U=\"}]}");
            try
            {
                int code = CliRunner.Run(out string output, out string error, "decode", conflicting, genuine, parts[1].Trim(), parts[2].Trim(), "--as", "sms", "--accounts", accounts);
                string[] inputs = output.Split("input ");
                Assert.AreEqual(5, inputs.Length, output + error);
                Assert.IsTrue(inputs[4].Contains("verdict: accepted", StringComparison.Ordinal), output);
                Assert.IsTrue(inputs[4].Contains("session C01 from srv", StringComparison.Ordinal), output);
            }
            finally
            {
                File.Delete(accounts);
            }
        }

        [TestMethod]
        public void Decode_WithoutAccounts_ParsedVerdict()
        {
            string hex = CliRunner.RunOk(Concat(new[] { "send", "--wsp" }, Trigger)).Trim();
            string json = CliRunner.RunOk("decode", hex, "--json").Trim();
            Assert.IsTrue(json.Contains("\"verdict\":\"parsed\",\"reason\":\"none\",\"sessionId\":\"1234\""), json);
        }

        [TestMethod]
        public void Decode_DmNotificationV13ContentType_RejectedByName()
        {
            string hex = CliRunner.RunOk(Concat(new[] { "send", "--wsp", "--content-type-code", "58" }, Trigger)).Trim();
            int code = CliRunner.Run(out string output, out string error, "decode", hex, "--json");
            Assert.AreEqual(1, code, error);
            Assert.IsTrue(output.Contains("\"verdict\":\"rejected\",\"reason\":\"dm13-notification\""), output);
        }

        [TestMethod]
        public void Decode_BadHex_UsageErrorExit2()
        {
            int code = CliRunner.Run(out string output, out string error, "decode", "01 06 0G");
            Assert.AreEqual(2, code);
            Assert.IsTrue(error.Contains("not a hex digit"), error);
            Assert.AreEqual(string.Empty, output);
        }

        [TestMethod]
        public void Decode_OddHex_UsageErrorExit2()
        {
            int code = CliRunner.Run(out _, out string error, "decode", "010");
            Assert.AreEqual(2, code);
            Assert.IsTrue(error.Contains("odd number of hex digits"), error);
        }

        [TestMethod]
        public void Send_NoOutputChosen_UsageErrorExit2()
        {
            int code = CliRunner.Run(out _, out string error, Concat(new[] { "send" }, Trigger));
            Assert.AreEqual(2, code, error);
        }

        [TestMethod]
        public void Help_EveryCommand_DocumentsExitCodes()
        {
            foreach (string command in new[] { "send", "decode", "listen", "demo" })
            {
                int code = CliRunner.Run(out string output, out _, command, "--help");
                Assert.AreEqual(0, code);
                Assert.IsTrue(output.Contains("Exit codes: 0 ok, 1 rejected or decode failure, 2 usage error."), command);
            }
        }

        private static string[] Concat(params string[][] parts)
        {
            int length = 0;
            foreach (var p in parts)
            {
                length += p.Length;
            }

            var all = new string[length];
            int i = 0;
            foreach (var p in parts)
            {
                Array.Copy(p, 0, all, i, p.Length);
                i += p.Length;
            }

            return all;
        }
    }
}
