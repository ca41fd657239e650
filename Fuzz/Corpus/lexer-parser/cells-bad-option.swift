//| lable: train
//| echo: sometimes
print("never")

