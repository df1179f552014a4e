using System;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Bootstrap;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Simulation;
using OmaDm.Notification.Sms;
using OmaDm.Notification.Tests.Bootstrap;
using OmaDm.Notification.Tests.TestSupport;
using OmaDm.Notification.Trigger;
using OmaDm.Notification.Wbxml;
using OmaDm.Notification.Wdp;
using OmaDm.Notification.Wsp;

namespace OmaDm.Notification.Tests.HostOnly.Hardening
{
    /// <summary>
    /// The entry functions shared by the fuzz harness (tests/Fuzz, under AFL++), the in-process fuzz smoke and the
    /// mutation suite. Each decodes untrusted bytes and checks what the decoder promises: a defined
    /// <see cref="ReasonCode"/>, and on acceptance ranges inside the input window. A broken promise throws
    /// <see cref="FuzzInvariantException"/>; any exception is a finding.
    /// </summary>
    public static class FuzzTargets
    {
        /// <summary>Target names, as tests/Fuzz/run.sh and the harness take them.</summary>
        public static readonly string[] Names = { "sms", "wsp", "trigger", "pipeline", "at", "wbxml", "store" };

        // Built on first use, not in the static constructor: under AFL the instrumented device code may only run once
        // SharpFuzz has mapped the coverage memory, and the harness touches Names before that.
        private static AccountTable _pipelineAccounts;

        private static AccountTable PipelineAccounts => _pipelineAccounts ??= HardeningVectors.Accounts(ResyncPolicy.ZeroBytesThenAscii);

        /// <summary>Runs the named target over <c>buffer[offset .. offset+count)</c>.</summary>
        public static ReasonCode Run(string target, byte[] buffer, int offset, int count)
        {
            switch (target)
            {
                case "sms": return Sms(buffer, offset, count);
                case "wsp": return Wsp(buffer, offset, count);
                case "trigger": return Trigger(buffer, offset, count);
                case "pipeline": return Pipeline(buffer, offset, count);
                case "at": return AtFuzzTarget.Run(buffer, offset, count);
                case "wbxml": return Wbxml(buffer, offset, count);
                case "store": return StoreFuzzTarget.Run(buffer, offset, count);
                default: throw new ArgumentException("unknown fuzz target " + target, nameof(target));
            }
        }

        /// <summary>The seed inputs of a target, built from the test vectors (the pipeline's carry its bearer-selector byte).</summary>
        public static byte[][] Seeds(string target)
        {
            switch (target)
            {
                case "sms": return HardeningVectors.SmsSeeds;
                case "wsp": return HardeningVectors.WspSeeds;
                case "trigger": return HardeningVectors.TriggerSeeds;
                case "pipeline":
                    var seeds = new System.Collections.Generic.List<byte[]>();
                    foreach (byte[] push in HardeningVectors.WspSeeds)
                    {
                        seeds.Add(HardeningVectors.Concat(new byte[] { 0x00 }, push));
                    }

                    foreach (byte[][] message in new[] { HardeningVectors.SmsSeeds, HardeningVectors.ThreePartSms(3, "+15555550199", false) })
                    {
                        var sequence = new System.Collections.Generic.List<byte[]> { new byte[] { 0x01 } };
                        foreach (byte[] pdu in message)
                        {
                            sequence.Add(new[] { (byte)pdu.Length });
                            sequence.Add(pdu);
                        }

                        seeds.Add(HardeningVectors.Concat(sequence.ToArray()));
                    }

                    return seeds.ToArray();
                case "store":
                    return StoreFuzzTarget.Seeds();
                case "at":
                    string pduHex = Convert.ToHexString(HardeningVectors.SmsSeeds[0]);
                    return new[]
                    {
                        Ascii("\0\r\n+CMTI: \"SM\",3\r\n\r\n+CMT: ," + (pduHex.Length / 2 - 1) + "\r\n" + pduHex + "\r\n"),
                        Ascii("\u0001AT+CMGR=1\r\r\n+CMGR: 0,,40\r\n" + pduHex + "\r\n\r\nOK\r\n"),
                        Ascii("\x01\r\n+CMS ERROR: 321\r\n"),
                        Ascii("\x02\r\n+QIRD: 5\r\nAB\r\nE\r\n+QIURC: \"recv\",0\r\nOK\r\n"),
                        Ascii("\x02\r\n+QIRD: 0\r\n\r\nOK\r\n\xFF\xFE garbage\r\nERROR\r\n"),
                    };
                case "wbxml":
                    // First byte: 0 = CP profile, 1 = DM profile (see Wbxml).
                    return new[]
                    {
                        HardeningVectors.Concat(new byte[] { 0x00 }, BootstrapVectors.CpW7),
                        HardeningVectors.Concat(new byte[] { 0x00 }, BootstrapVectors.LibwbxmlCp),
                        HardeningVectors.Concat(new byte[] { 0x00 }, BootstrapVectors.MozillaCht),
                        HardeningVectors.Concat(new byte[] { 0x00 }, BootstrapVectors.ProvContAppendixC),
                        HardeningVectors.Concat(new byte[] { 0x01 }, BootstrapVectors.DmW7),
                        HardeningVectors.Concat(new byte[] { 0x01 }, BootstrapVectors.EncodedDm),
                    };
                default: throw new ArgumentException("unknown fuzz target " + target, nameof(target));
            }
        }

        /// <summary>SMS-DELIVER decoder, then the user data header decoder on its user data.</summary>
        public static ReasonCode Sms(byte[] buffer, int offset, int count)
        {
            var deliver = new SmsDeliver();
            ReasonCode reason = Defined(SmsDeliverDecoder.Decode(buffer, offset, count, deliver));
            if (reason != ReasonCode.None || !deliver.HasUserDataHeader)
            {
                return reason;
            }

            Inside(deliver.UserDataOffset, deliver.UserDataCount, offset, count, "SMS user data");
            var header = new UserDataHeader();
            reason = Defined(header.Decode(buffer, deliver.UserDataOffset, deliver.UserDataCount));
            if (reason == ReasonCode.None)
            {
                Inside(header.PayloadOffset, header.PayloadCount, deliver.UserDataOffset, deliver.UserDataCount, "UDH payload");
            }

            return reason;
        }

        /// <summary>
        /// The bootstrap document decoder, the first byte picking the profile (even CP, odd DM), then the WBXML reader
        /// alone over the same bytes: every node's span inside the window, depth within the bound, an end or a named
        /// error. An accepted account has a server id, a server password, a port in range and base64 nonces.
        /// </summary>
        public static ReasonCode Wbxml(byte[] buffer, int offset, int count)
        {
            if (count == 0)
            {
                return ReasonCode.Truncated;
            }

            BootstrapProfile profile = (buffer[offset] & 1) == 0 ? BootstrapProfile.ClientProvisioning : BootstrapProfile.DmProfile;
            var account = new BootstrapAccount();
            ReasonCode reason = Defined(BootstrapDocumentDecoder.Decode(buffer, offset + 1, count - 1, profile, account));
            Check(reason == ReasonCode.None || reason == ReasonCode.BootstrapMalformed || reason == ReasonCode.BootstrapNoDmAccount, "bootstrap decode gave " + reason);
            if (reason == ReasonCode.None)
            {
                Check(!string.IsNullOrEmpty(account.ServerId) && !string.IsNullOrEmpty(account.ServerPassword), "accepted without server id or password");
                Check(account.ServerPort >= -1 && account.ServerPort <= 65535, "port out of range");
                Check(account.ServerNonceBase64 == null || Base64Ok(account.ServerNonceBase64), "server nonce not base64");
                Check(account.ClientNonceBase64 == null || Base64Ok(account.ClientNonceBase64), "client nonce not base64");
            }
            else
            {
                Check(account.ServerId == null && account.ServerPassword == null, "a refused document left account fields");
            }

            var reader = new WbxmlReader();
            if (reader.Reset(buffer, offset + 1, count - 1))
            {
                int nodes = 0;
                while (reader.Read())
                {
                    nodes++;
                    Check(nodes <= (2 * count) + 2, "more nodes than two per byte");
                    Check(reader.Depth >= 0 && reader.Depth <= WbxmlReader.DefaultMaxDepth, "depth out of bounds");
                    if (reader.Kind == WbxmlNodeKind.String || reader.Kind == WbxmlNodeKind.Opaque)
                    {
                        Inside(reader.DataStart, reader.DataLength, offset + 1, count - 1, "WBXML string or opaque");
                    }
                }

                Check(reader.Kind == WbxmlNodeKind.EndDocument || reader.Error != WbxmlError.None, "reader stopped without an end or an error");
            }

            Check(Enum.IsDefined(typeof(WbxmlError), reader.Error), "undefined WBXML error");
            return reason;
        }

        private static bool Base64Ok(string text)
        {
            try
            {
                Convert.FromBase64String(text);
                return true;
            }
            catch (FormatException)
            {
                return false;
            }
        }

        /// <summary>WSP push decoder.</summary>
        public static ReasonCode Wsp(byte[] buffer, int offset, int count)
        {
            var push = new WspPush();
            ReasonCode reason = Defined(WspPushDecoder.Decode(buffer, offset, count, push));
            if (reason == ReasonCode.None)
            {
                Inside(push.BodyOffset, push.BodyLength, offset, count, "WSP body");
                Check(push.BodyOffset + push.BodyLength == offset + count, "WSP body does not end at the PDU end");
            }

            return reason;
        }

        /// <summary>Trigger (package #0) decoder.</summary>
        public static ReasonCode Trigger(byte[] buffer, int offset, int count)
        {
            var trigger = new NotificationTrigger();
            ReasonCode reason = Defined(new TriggerDecoder().Decode(buffer, offset, count, trigger));
            if (reason == ReasonCode.None)
            {
                Check(trigger.ServerIdLength >= 1, "accepted an empty server id");
                Inside(trigger.ServerIdOffset, trigger.ServerIdLength, offset, count, "server id");
                Inside(trigger.VendorOffset, trigger.VendorLength, offset, count, "vendor tail");
                Check(trigger.VendorOffset + trigger.VendorLength == offset + count, "vendor tail does not end at the message end");
            }

            return reason;
        }

        /// <summary>
        /// The whole pipeline with a real account (fresh agent per input, so a finding replays alone). The first byte
        /// picks the bearer: even, the rest is one UDP datagram; odd, the rest is a sequence of SMS PDUs, each prefixed
        /// by its length octet, through <see cref="SmsNotificationReceiver"/> (so reassembly is reached).
        /// </summary>
        public static ReasonCode Pipeline(byte[] buffer, int offset, int count)
        {
            if (count == 0)
            {
                return ReasonCode.Truncated;
            }

            if ((buffer[offset] & 1) == 0)
            {
                return Push(buffer, offset + 1, count - 1);
            }

            var (agent, clock, _) = NewAgent();
            var receiver = NewReceiver(agent, clock);
            ReasonCode last = ReasonCode.Truncated;
            int at = offset + 1;
            int end = offset + count;
            while (at < end)
            {
                int length = Math.Min(buffer[at], end - at - 1);
                last = Receive(agent, receiver, buffer, at + 1, length);
                at += 1 + length;
                clock.Advance(1000);
            }

            return last;
        }

        /// <summary>One UDP datagram through <see cref="NotificationAgent.ProcessPush"/> of a fresh agent with the real account.</summary>
        public static ReasonCode Push(byte[] buffer, int offset, int count)
        {
            var (agent, _, accepted) = NewAgent();
            ReasonCode reason = Defined(agent.ProcessPush(buffer, offset, count, Bearer.Udp, "192.0.2.1:2948"));
            Check((reason == ReasonCode.None) == (accepted[0] == 1) && accepted[0] <= 1, "verdict and callbacks disagree");
            Check(agent.HandlerFaultCount == 0, "a rejection carried an undefined reason");
            return reason;
        }

        /// <summary>One SMS PDU through <see cref="SmsNotificationReceiver.Receive"/> of a fresh receiver and agent.</summary>
        public static ReasonCode ReceiveSms(byte[] buffer, int offset, int count)
        {
            var (agent, clock, _) = NewAgent();
            return Receive(agent, NewReceiver(agent, clock), buffer, offset, count);
        }

        private static ReasonCode Receive(NotificationAgent agent, SmsNotificationReceiver receiver, byte[] buffer, int offset, int count)
        {
            SmsReceiveResult result = receiver.Receive(buffer, offset, count, offset);
            Check(Enum.IsDefined(typeof(SmsDisposition), result.Disposition), "undefined disposition");
            Check(result.ReleasedTokens != null, "null released tokens");
            Check(receiver.PendingMessages <= MaxPendingMessages, "pending messages above the cap");
            Check(agent.HandlerFaultCount == 0, "a rejection carried an undefined reason");
            return Defined(result.Reason);
        }

        private const int MaxPendingMessages = 4;

        private static (NotificationAgent Agent, ManualClock Clock, int[] Accepted) NewAgent()
        {
            var clock = new ManualClock();
            var agent = new NotificationAgent(PipelineAccounts, clock, new AgentOptions());
            int[] accepted = new int[1];
            agent.SessionRequested += (sender, request) => accepted[0]++;
            agent.Rejected += (sender, rejection) => Defined(rejection.Reason);
            return (agent, clock, accepted);
        }

        private static SmsNotificationReceiver NewReceiver(NotificationAgent agent, ManualClock clock) =>
            new SmsNotificationReceiver(agent, clock, new SmsReceiverOptions { MaxPendingMessages = MaxPendingMessages, MaxPendingBytes = 1024 });

        private static byte[] Ascii(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }

            return bytes;
        }

        private static ReasonCode Defined(ReasonCode reason)
        {
            Check(Enum.IsDefined(typeof(ReasonCode), reason), "undefined reason code " + (int)reason);
            return reason;
        }

        private static void Inside(int start, int length, int windowStart, int windowCount, string what)
        {
            Check(length >= 0 && start >= windowStart && start + length <= windowStart + windowCount, what + " outside the input window");
        }

        private static void Check(bool condition, string message)
        {
            if (!condition)
            {
                throw new FuzzInvariantException(message);
            }
        }
    }

    /// <summary>A decoder broke a promise the fuzz targets check.</summary>
    public sealed class FuzzInvariantException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public FuzzInvariantException(string message)
            : base(message)
        {
        }
    }
}
