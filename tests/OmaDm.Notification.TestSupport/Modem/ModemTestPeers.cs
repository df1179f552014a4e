using System;
using System.Collections;
using System.Threading;
using OmaDm.Notification.Simulation;
using OmaDm.Notification;
using OmaDm.Notification.Buffers;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Modem;
using OmaDm.Notification.Modem.Sms;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.Modem
{
    /// <summary>A condition polled by <see cref="ModemTestPeers.WaitUntil"/>.</summary>
    /// <returns>True when met.</returns>
    public delegate bool ModemTestCondition();

    /// <summary>Shared helpers of the modem tests.</summary>
    public static class ModemTestPeers
    {
        /// <summary>Polls a condition every 5 ms for at most the given time.</summary>
        /// <param name="condition">The condition.</param>
        /// <param name="timeoutMilliseconds">Longest wait.</param>
        /// <returns>Whether it became true.</returns>
        public static bool WaitUntil(ModemTestCondition condition, int timeoutMilliseconds)
        {
            for (int waited = 0; waited < timeoutMilliseconds; waited += 5)
            {
                if (condition())
                {
                    return true;
                }

                Thread.Sleep(5);
            }

            return condition();
        }

        /// <summary>A profile with test-sized timeouts.</summary>
        /// <param name="profile">Profile to shorten.</param>
        /// <returns>The same profile.</returns>
        public static ModemProfile Fast(ModemProfile profile)
        {
            profile.ProbeTimeoutMilliseconds = 100;
            profile.CommandTimeoutMilliseconds = 200;
            profile.MessageTimeoutMilliseconds = 200;
            profile.ListTimeoutMilliseconds = 300;
            return profile;
        }

        /// <summary>Driver options with test-sized intervals.</summary>
        /// <returns>The options.</returns>
        public static SmsDriverOptions FastOptions()
        {
            var options = new SmsDriverOptions();
            options.RetryDelayMilliseconds = 30;
            options.IdleProbeIntervalMilliseconds = 60000;
            options.MaintenanceIntervalMilliseconds = 60000;
            return options;
        }
    }

    /// <summary>Drives a channel and its loop on the test's own thread.</summary>
    public static class ModemTestSteps
    {
        /// <summary>A channel whose reads do not wait: the test reads for it (<see cref="ReadAll"/>, a loop).</summary>
        /// <param name="modem">The modem.</param>
        /// <param name="maxLineLength">Line bound.</param>
        /// <returns>The channel.</returns>
        public static AtChannel Channel(IModemLink modem, int maxLineLength)
        {
            var channel = new AtChannel(modem, maxLineLength);
            channel.ReadPollMilliseconds = 0;
            return channel;
        }

        /// <summary>Steps the channel until it has read everything the modem sent, or the link ended.</summary>
        /// <param name="channel">The channel.</param>
        /// <param name="modem">The modem behind it.</param>
        public static void ReadAll(AtChannel channel, ScriptedModem modem)
        {
            while (channel.Step() && channel.IsOpen && modem.PendingOutput > 0)
            {
            }
        }

        /// <summary>
        /// Steps a loop on the test's thread until the condition holds or the simulated time moved on by the given amount
        /// (at most 100,000 passes). A pass in which nothing moved the clock (no read waited) counts as 1 ms.
        /// </summary>
        /// <param name="loop">The loop.</param>
        /// <param name="clock">The simulated time the modem and the workers share.</param>
        /// <param name="condition">The condition.</param>
        /// <param name="milliseconds">Longest simulated time.</param>
        /// <returns>Whether the condition held.</returns>
        public static bool Until(ModemLoop loop, ManualClock clock, ModemTestCondition condition, int milliseconds)
        {
            long end = clock.MonotonicMilliseconds + milliseconds;
            for (int pass = 0; pass < 100000 && clock.MonotonicMilliseconds < end; pass++)
            {
                if (condition())
                {
                    return true;
                }

                long before = clock.MonotonicMilliseconds;
                loop.Step();
                if (clock.MonotonicMilliseconds == before)
                {
                    clock.Advance(1);
                }
            }

            return condition();
        }
    }

    /// <summary>
    /// A scripted modem on simulated time with its channel and <see cref="ModemLoop"/>, stepped on the test's thread:
    /// the modem layer without a thread.
    /// </summary>
    public sealed class SteppedModem
    {
        /// <summary>Puts the modem on a new <see cref="ManualClock"/> and builds a channel and a loop over it.</summary>
        /// <param name="modem">The modem.</param>
        public SteppedModem(ScriptedModem modem)
            : this(modem, AtChannel.DefaultMaxLineLength)
        {
        }

        /// <summary>Puts the modem on a new <see cref="ManualClock"/> and builds a channel of the given line bound and a loop over it.</summary>
        /// <param name="modem">The modem.</param>
        /// <param name="maxLineLength">The channel's line bound (a model's <see cref="ModemModel.LineLength"/>).</param>
        public SteppedModem(ScriptedModem modem, int maxLineLength)
        {
            Clock = new ManualClock();
            modem.Clock = Clock;
            Channel = ModemTestSteps.Channel(modem, maxLineLength);
            Loop = new ModemLoop(Channel, Clock);
        }

        /// <summary>The simulated time the modem, the channel and the workers share.</summary>
        public ManualClock Clock { get; }

        /// <summary>The channel.</summary>
        public AtChannel Channel { get; }

        /// <summary>The loop (add the workers under test).</summary>
        public ModemLoop Loop { get; }

        /// <summary>Steps the loop until the condition holds or the simulated time moved on by the given amount.</summary>
        /// <param name="condition">The condition.</param>
        /// <param name="milliseconds">Longest simulated time.</param>
        /// <returns>Whether the condition held.</returns>
        public bool Until(ModemTestCondition condition, int milliseconds)
        {
            return ModemTestSteps.Until(Loop, Clock, condition, milliseconds);
        }

        /// <summary>Steps the loop for the given simulated time.</summary>
        /// <param name="milliseconds">How long.</param>
        public void Run(int milliseconds)
        {
            ModemTestSteps.Until(Loop, Clock, () => false, milliseconds);
        }

        /// <summary>Detaches the workers.</summary>
        public void Dispose()
        {
            Loop.Dispose();
        }
    }

    /// <summary>Records what the driver delivers and answers as scripted.</summary>
    public sealed class ModemEventRecorder
    {
        private readonly ArrayList _kinds = new ArrayList();
        private readonly ArrayList _details = new ArrayList();

        /// <summary>The handler to attach.</summary>
        /// <param name="sender">Sender.</param>
        /// <param name="kind">Kind.</param>
        /// <param name="detail">Detail.</param>
        public void Record(object sender, ModemEventKind kind, string detail)
        {
            lock (_kinds)
            {
                _kinds.Add((int)kind);
                _details.Add(detail);
            }
        }

        /// <summary>The ModemUp/ModemDown history, for example "down:link-closed|up".</summary>
        /// <returns>The text.</returns>
        public string Listening()
        {
            lock (_kinds)
            {
                string text = string.Empty;
                for (int i = 0; i < _kinds.Count; i++)
                {
                    int kind = (int)_kinds[i];
                    string item = kind == (int)ModemEventKind.ModemUp ? "up" : kind == (int)ModemEventKind.ModemDown ? "down:" + (string)_details[i] : null;
                    if (item != null)
                    {
                        text = text.Length == 0 ? item : text + "|" + item;
                    }
                }

                return text;
            }
        }

        /// <summary>The detail of the last event of a kind, or null.</summary>
        /// <param name="kind">The kind.</param>
        /// <returns>The detail.</returns>
        public string LastDetail(ModemEventKind kind)
        {
            lock (_kinds)
            {
                for (int i = _kinds.Count - 1; i >= 0; i--)
                {
                    if ((int)_kinds[i] == (int)kind)
                    {
                        return (string)_details[i];
                    }
                }

                return null;
            }
        }

        /// <summary>How often the kind was raised.</summary>
        /// <param name="kind">Kind.</param>
        /// <returns>Count.</returns>
        public int Count(ModemEventKind kind)
        {
            lock (_kinds)
            {
                int n = 0;
                for (int i = 0; i < _kinds.Count; i++)
                {
                    if ((int)_kinds[i] == (int)kind)
                    {
                        n++;
                    }
                }

                return n;
            }
        }
    }

    /// <summary>
    /// A test sink: every PDU is recorded; its disposition comes from rules keyed by the PDU hex (Foreign when no rule).
    /// A group of PDUs stands for one concatenated message: Pending until every member arrived, then Processed with
    /// every member's token released.
    /// </summary>
    public sealed class RecordingSink : ISmsSink
    {
        private readonly ArrayList _received = new ArrayList(); // string pduHex
        private readonly ArrayList _tokens = new ArrayList();
        private readonly Hashtable _single = new Hashtable(); // pdu -> "processed"
        private readonly ArrayList _groups = new ArrayList(); // string[] members
        private readonly Hashtable _groupTokens = new Hashtable(); // pdu -> token
        private object[] _expire = new object[0];

        /// <summary>Deliveries so far.</summary>
        public int Count
        {
            get
            {
                lock (_received)
                {
                    return _received.Count;
                }
            }
        }

        /// <summary>How long each delivery takes (a slow application).</summary>
        public int ReceiveDelayMilliseconds { get; set; }

        /// <summary>Simulated time: when set, a delivery's delay moves this clock on instead of sleeping.</summary>
        public ManualClock Clock { get; set; }

        /// <summary>The PDU is a complete notification: Processed.</summary>
        /// <param name="pduHex">The PDU.</param>
        public void Processes(string pduHex)
        {
            _single[pduHex] = "processed";
        }

        /// <summary>The PDUs are the parts of one message.</summary>
        /// <param name="members">The parts.</param>
        public void Group(string[] members)
        {
            _groups.Add(members);
        }

        /// <summary>The next <see cref="ExpireStale"/> returns these tokens.</summary>
        /// <param name="tokens">Tokens.</param>
        public void ExpireNext(object[] tokens)
        {
            _expire = tokens;
        }

        /// <summary>How often the PDU was delivered.</summary>
        /// <param name="pduHex">The PDU.</param>
        /// <returns>Count.</returns>
        public int CountOf(string pduHex)
        {
            lock (_received)
            {
                int n = 0;
                for (int i = 0; i < _received.Count; i++)
                {
                    if ((string)_received[i] == pduHex)
                    {
                        n++;
                    }
                }

                return n;
            }
        }

        /// <summary>The token of the i-th delivery.</summary>
        /// <param name="i">Index.</param>
        /// <returns>The token (boxed index or null).</returns>
        public object TokenAt(int i)
        {
            lock (_received)
            {
                return _tokens[i];
            }
        }

        /// <inheritdoc />
        public SmsReceiveResult Receive(byte[] pdu, int offset, int count, object storageToken)
        {
            if (ReceiveDelayMilliseconds > 0)
            {
                if (Clock != null)
                {
                    Clock.Advance(ReceiveDelayMilliseconds);
                }
                else
                {
                    Thread.Sleep(ReceiveDelayMilliseconds);
                }
            }

            string hex = Hex.ToHex(pdu, offset, count);
            lock (_received)
            {
                _received.Add(hex);
                _tokens.Add(storageToken);
            }

            if (_single[hex] != null)
            {
                return new SmsReceiveResult(SmsDisposition.Processed, ReasonCode.None, storageToken == null ? null : new object[] { storageToken });
            }

            for (int g = 0; g < _groups.Count; g++)
            {
                var members = (string[])_groups[g];
                if (!Contains(members, hex))
                {
                    continue;
                }

                _groupTokens[hex] = storageToken ?? "direct";
                for (int m = 0; m < members.Length; m++)
                {
                    if (_groupTokens[members[m]] == null)
                    {
                        return new SmsReceiveResult(SmsDisposition.Pending, ReasonCode.None, null);
                    }
                }

                var released = new object[members.Length];
                for (int m = 0; m < members.Length; m++)
                {
                    released[m] = _groupTokens[members[m]];
                    _groupTokens.Remove(members[m]);
                }

                return new SmsReceiveResult(SmsDisposition.Processed, ReasonCode.None, released);
            }

            return new SmsReceiveResult(SmsDisposition.Foreign, ReasonCode.WrongPort, null);
        }

        /// <inheritdoc />
        public object[] ExpireStale()
        {
            object[] tokens = _expire;
            _expire = new object[0];
            return tokens;
        }

        private static bool Contains(string[] items, string item)
        {
            for (int i = 0; i < items.Length; i++)
            {
                if (items[i] == item)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// Re-opens a <see cref="ScriptedModem"/>'s link for the channel, as a network serial server accepts a new
    /// connection; while <see cref="Available"/> is false every attempt fails. Records the clock at each attempt.
    /// </summary>
    public sealed class ScriptedModemConnector : IModemConnector
    {
        private readonly ScriptedModem _modem;
        private readonly IClock _clock;
        private readonly ArrayList _attempts = new ArrayList();

        /// <summary>Creates a connector for the modem.</summary>
        /// <param name="modem">The modem.</param>
        /// <param name="clock">The clock whose time each attempt records.</param>
        public ScriptedModemConnector(ScriptedModem modem, IClock clock)
        {
            _modem = modem;
            _clock = clock;
            Available = true;
        }

        /// <summary>Whether the next <see cref="Open"/> succeeds.</summary>
        public bool Available { get; set; }

        /// <summary>Attempts so far.</summary>
        public int Attempts
        {
            get
            {
                lock (_attempts)
                {
                    return _attempts.Count;
                }
            }
        }

        /// <summary>The clock's time at the attempt.</summary>
        /// <param name="i">Attempt number from 0.</param>
        /// <returns>Monotonic milliseconds.</returns>
        public long AttemptAt(int i)
        {
            lock (_attempts)
            {
                return (long)_attempts[i];
            }
        }

        /// <inheritdoc />
        public IModemLink Open()
        {
            lock (_attempts)
            {
                _attempts.Add(_clock.MonotonicMilliseconds);
            }

            if (!Available)
            {
                return null;
            }

            _modem.Reopen();
            return _modem;
        }

        /// <inheritdoc />
        public void Release(IModemLink link)
        {
            _modem.Close();
        }
    }
}
