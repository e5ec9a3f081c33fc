from dataclasses import dataclass, field

from transformers import HfArgumentParser, Seq2SeqTrainer, Seq2SeqTrainingArguments, Trainer, TrainingArguments

from data import PlainDataset, SpanMaskingDataset


@dataclass
class DataArguments:
    train_file: str = field(default="train.jsonl")


def load_examples(path):
    return [[1, 2, 3, 4, 5, 6, 7, 8]] * 64


def main(model):
    # --dataloader_num_workers on the command line sets the trainer's loader workers.
    data_args, training_args = HfArgumentParser((DataArguments, Seq2SeqTrainingArguments)).parse_args_into_dataclasses()
    trainer = Seq2SeqTrainer(model=model, args=training_args, train_dataset=SpanMaskingDataset(load_examples(data_args.train_file)))
    trainer.train()


def probe(model):
    # TrainingArguments without dataloader_num_workers: the loader reads items in this process.
    args = TrainingArguments(output_dir="probe")
    Trainer(model, args, train_dataset=PlainDataset(load_examples("probe.jsonl"))).train()
