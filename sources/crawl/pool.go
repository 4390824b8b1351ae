package crawl

import "sync"

// taskPool runs tasks on a fixed number of workers; tasks may add tasks.
// wait returns when the queue is empty and no task is running.
type taskPool struct {
	mu      sync.Mutex
	cond    *sync.Cond
	q       []func()
	pending int
	workers int
	started bool
	wg      sync.WaitGroup
}

func (p *taskPool) init(n int) {
	p.cond = sync.NewCond(&p.mu)
	p.workers = n
}

func (p *taskPool) add(f func()) {
	p.mu.Lock()
	p.pending++
	p.q = append(p.q, f)
	if !p.started {
		p.started = true
		for range p.workers {
			p.wg.Add(1)
			go p.work()
		}
	}
	p.mu.Unlock()
	p.cond.Signal()
}

func (p *taskPool) work() {
	defer p.wg.Done()
	p.mu.Lock()
	for {
		for len(p.q) == 0 && p.pending > 0 {
			p.cond.Wait()
		}
		if p.pending == 0 {
			p.mu.Unlock()
			p.cond.Broadcast()
			return
		}
		f := p.q[0]
		p.q[0] = nil
		p.q = p.q[1:]
		p.mu.Unlock()
		f()
		p.mu.Lock()
		p.pending--
		if p.pending == 0 {
			p.cond.Broadcast()
		}
	}
}

func (p *taskPool) wait() {
	p.mu.Lock()
	started := p.started
	p.mu.Unlock()
	if started {
		p.wg.Wait()
	}
}
