using System;
using System.Collections;
using System.Threading;

namespace OmaDm.Notification.Modem
{
    /// <summary>
    /// One modem driven by one loop: its AT channel and the workers on it (the SMS
    /// driver, the UDP service). <see cref="Step"/> reads the channel once (waiting at most its
    /// <see cref="AtChannel.ReadPollMilliseconds"/> for bytes) and runs each worker once; a worker's commands read the
    /// channel themselves until their result, so URCs, responses and every worker's timing run on the one thread that
    /// calls <see cref="Step"/>. The device calls <see cref="Start"/> (one thread looping <see cref="Step"/>); tests call
    /// <see cref="Step"/> with an injected clock and a scripted modem, and so run the modem layer without threads.
    /// </summary>
    public sealed class ModemLoop : IDisposable
    {
        private readonly ArrayList _workers = new ArrayList();
        private readonly AutoResetEvent _stopped = new AutoResetEvent(false);
        private Thread _thread;
        private bool _stopping;

        /// <summary>Creates the loop over a channel.</summary>
        /// <param name="channel">The modem's AT channel.</param>
        /// <param name="clock">Times the channel's commands (set as <see cref="AtChannel.Clock"/> unless it has one).</param>
        public ModemLoop(AtChannel channel, IClock clock)
        {
            if (channel == null || clock == null)
            {
                throw new ArgumentNullException(channel == null ? nameof(channel) : nameof(clock));
            }

            Channel = channel;
            if (channel.Clock == null)
            {
                channel.Clock = clock;
            }
        }

        /// <summary>Raised when a pass threw (the loop carries on).</summary>
        public event ModemEventHandler EventRaised;

        /// <summary>The channel.</summary>
        public AtChannel Channel { get; }

        /// <summary>Passes run so far.</summary>
        public int Steps { get; private set; }

        /// <summary>Adds a worker and registers its URCs (<see cref="ModemWorker.Attach"/>); add every worker before the first step.</summary>
        /// <param name="worker">The worker, created on <see cref="Channel"/>.</param>
        public void Add(ModemWorker worker)
        {
            if (worker == null)
            {
                throw new ArgumentNullException(nameof(worker));
            }

            worker.Attach();
            _workers.Add(worker);
        }

        /// <summary>One pass: the channel reads once, then each worker runs once (see <see cref="ModemWorker.Step"/>).</summary>
        /// <returns>False once the link has ended and the channel cannot reconnect.</returns>
        public bool Step()
        {
            bool open = Channel.Step();
            for (int i = 0; i < _workers.Count; i++)
            {
                ((ModemWorker)_workers[i]).Step();
            }

            Steps++;
            return open;
        }

        /// <summary>Starts the one thread that calls <see cref="Step"/> until <see cref="Dispose"/>.</summary>
        public void Start()
        {
            if (_thread != null)
            {
                throw new InvalidOperationException("Already started.");
            }

            _thread = new Thread(Run);
            _thread.Start();
        }

        /// <summary>Stops the thread and detaches the workers (the channel and its link are the caller's).</summary>
        public void Dispose()
        {
            _stopping = true;
            _stopped.Set();
            if (_thread != null && _thread != Thread.CurrentThread)
            {
                _thread.Join(30000);
            }

            for (int i = 0; i < _workers.Count; i++)
            {
                ((ModemWorker)_workers[i]).Dispose();
            }
        }

        private void Run()
        {
            while (!_stopping)
            {
                bool open;
                try
                {
                    open = Step();
                }
                catch (Exception ex)
                {
                    ModemEvents.Raise(EventRaised, this, ModemEventKind.HandlerFailed, ex.Message);
                    open = false;
                }

                if (!open && !_stopping)
                {
                    _stopped.WaitOne(Channel.ReadPollMilliseconds + 1, false); // nothing to read: the workers' pace
                }
            }
        }
    }
}
