//! `big-room-bench [INVITES] [PARTICIPANTS]`: fills one room in local mode (SQLite, or
//! DynamoDB on moto with `ACCEPTANCE_STORE=dynamodb`) and prints the time and bytes of
//! paging through it, of the summary and of the CSV exports (docs/benchmarks.md).

use acceptance::big_room;
use acceptance::TestService;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let mut args = std::env::args().skip(1);
    let invites: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let participants: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(invites / 10);
    let store = std::env::var("ACCEPTANCE_STORE").unwrap_or_else(|_| "sqlite".into());
    let concurrency = if store == "dynamodb" { 8 } else { 1 };
    let s = TestService::start().await;
    let m = big_room::run(&s, invites, participants, concurrency).await;
    m.check();
    println!("| store | operation | time (ms) | items | bytes | largest page |");
    println!("|---|---|---:|---|---:|---:|");
    print!("{}", m.table(&store));
    println!("\nsummary: {}", m.summary);
}
